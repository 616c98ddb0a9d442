package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.adapter.persistence.UsagePeriods;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.plan.ModelUsage;
import com.consultaion.domain.plan.QuotaPolicy;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Plans of accounts and the usage ledger in PostgreSQL. */
public final class JdbiBillingStore implements BillingStore {

    private final Jdbi jdbi;

    public JdbiBillingStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public String planOf(UserId user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT plan FROM users WHERE id = :id")
                .bind("id", user.value())
                .mapTo(String.class)
                .findOne()
                .orElse("free"));
    }

    @Override
    public boolean assignPlan(UserId user, String slug) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE users SET plan = :plan WHERE id = :id")
                        .bind("plan", slug)
                        .bind("id", user.value())
                        .execute())
                == 1;
    }

    @Override
    public void lockAccount(UserId user) {
        // A row lock held to the end of the enclosing transaction (without one it would end at once). NO KEY
        // UPDATE: two account locks exclude each other, but inserting a row that references the user (its FK
        // check takes KEY SHARE) does not wait for it — another start of the same account inserts its debate
        // before taking this lock, and FOR UPDATE would deadlock the two.
        jdbi.useHandle(h -> h.createQuery("SELECT 1 FROM users WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", user.value())
                .mapTo(Integer.class)
                .findOne());
    }

    @Override
    public QuotaPolicy.Usage usage(
            UserId user, Instant dayStart, Instant monthStart, int runningCap, @Nullable DebateId excluding) {
        return jdbi.withHandle(h -> h.createQuery("SELECT "
                        + "COALESCE((SELECT debates FROM usage_counters WHERE user_id = :user AND period = :month), 0) "
                        + "AS debates, "
                        + "COALESCE((SELECT tokens FROM usage_counters WHERE user_id = :user AND period = :day), 0) "
                        + "AS today, "
                        + "COALESCE((SELECT settled_tokens FROM usage_counters WHERE user_id = :user "
                        + "AND period = :month), 0) AS month, "
                        + "(SELECT count(*) FROM (SELECT 1 FROM debates WHERE owner_id = :user "
                        + "AND status IN ('queued', 'running') AND id IS DISTINCT FROM :excluding LIMIT :cap) AS r) "
                        + "AS running")
                .bind("user", user.value())
                .bindByType("excluding", excluding == null ? null : excluding.value(), UUID.class)
                .bind("day", UsagePeriods.day(dayStart))
                .bind("month", UsagePeriods.month(monthStart))
                .bind("cap", runningCap)
                .map((rs, ctx) -> new QuotaPolicy.Usage(
                        rs.getInt("debates"), rs.getLong("today"), rs.getLong("month"), rs.getInt("running")))
                .one());
    }

    @Override
    public void countExport(UserId user, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO usage_counters (user_id, period, exports) "
                        + "VALUES (:user, :month, 1) "
                        + "ON CONFLICT (user_id, period) DO UPDATE SET exports = usage_counters.exports + 1")
                .bind("user", user.value())
                .bind("month", UsagePeriods.month(at))
                .execute());
    }

    @Override
    public int exports(UserId user, Instant monthStart) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT exports FROM usage_counters WHERE user_id = :user AND period = :month")
                        .bind("user", user.value())
                        .bind("month", UsagePeriods.month(monthStart))
                        .mapTo(Integer.class)
                        .findOne()
                        .orElse(0));
    }

    @Override
    public int append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        return jdbi.inTransaction(h -> {
            PreparedBatch ledger = h.prepareBatch("INSERT INTO usage_ledger (entry_key, user_id, debate_id, kind, "
                    + "phase, model, tokens, cost_usd, created_at) VALUES (:key, :user, :debate, :kind, :phase, "
                    + ":model, :tokens, :cost, :at) ON CONFLICT (entry_key) DO NOTHING");
            for (Entry e : entries) {
                ledger.bind("key", e.key())
                        .bind("user", e.user().value())
                        .bind("debate", e.debate().value())
                        .bind("kind", e.kind().name().toLowerCase(Locale.ROOT))
                        .bind("phase", e.phase())
                        .bind("model", e.model())
                        .bind("tokens", e.tokens())
                        .bind("cost", e.costUsd())
                        .bind("at", JdbiDebateRepository.utc(e.at()))
                        .add();
            }
            // Only the entries actually inserted (not the ones already there) move the counters.
            Set<String> inserted = new HashSet<>(
                    ledger.executePreparedBatch("entry_key").mapTo(String.class).list());
            Map<List<Object>, long[]> deltas = new LinkedHashMap<>();
            for (Entry e : entries) {
                if (!inserted.contains(e.key())) {
                    continue;
                }
                for (String period : List.of(UsagePeriods.day(e.at()), UsagePeriods.month(e.at()))) {
                    long[] d = deltas.computeIfAbsent(List.of(e.user().value(), period), k -> new long[3]);
                    d[0] += e.kind() == Kind.RESERVE ? 1 : 0;
                    d[1] += e.tokens();
                    d[2] += e.kind() == Kind.SETTLE ? e.tokens() : 0;
                }
            }
            if (!deltas.isEmpty()) {
                PreparedBatch counters = h.prepareBatch("INSERT INTO usage_counters (user_id, period, debates, "
                        + "tokens, settled_tokens) VALUES (:user, :period, :debates, :tokens, :settled) "
                        + "ON CONFLICT (user_id, period) DO UPDATE SET debates = usage_counters.debates + "
                        + "EXCLUDED.debates, tokens = usage_counters.tokens + EXCLUDED.tokens, settled_tokens = "
                        + "usage_counters.settled_tokens + EXCLUDED.settled_tokens");
                deltas.forEach((key, d) -> counters.bind("user", key.get(0))
                        .bind("period", key.get(1))
                        .bind("debates", d[0])
                        .bind("tokens", d[1])
                        .bind("settled", d[2])
                        .add());
                counters.execute();
            }
            return inserted.size();
        });
    }

    @Override
    public List<ModelUsage> usageByModel(UserId user, Instant from) {
        return jdbi.withHandle(h -> h.createQuery("SELECT model, sum(tokens) AS tokens, sum(cost_usd) AS cost "
                        + "FROM usage_ledger WHERE user_id = :user AND kind = 'settle' AND created_at >= :from "
                        + "GROUP BY model ORDER BY tokens DESC, model")
                .bind("user", user.value())
                .bind("from", JdbiDebateRepository.utc(from))
                .map((rs, ctx) -> new ModelUsage(rs.getString("model"), rs.getLong("tokens"), rs.getDouble("cost")))
                .list());
    }
}
