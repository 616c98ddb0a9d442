package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.OpsStore;
import com.consultaion.domain.account.AccountSearch;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.plan.ModelUsage;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Aggregates for operators in PostgreSQL (created_at ranges use the debates' and the ledger's time indexes). */
public final class JdbiOpsStore implements OpsStore {

    private final Jdbi jdbi;

    public JdbiOpsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Map<DebateStatus, Long> debatesByStatusSince(Instant since) {
        Map<DebateStatus, Long> counts = new EnumMap<>(DebateStatus.class);
        jdbi.useHandle(h -> h.createQuery(
                        "SELECT status, count(*) AS n FROM debates WHERE created_at >= :since GROUP BY status")
                .bind("since", JdbiDebateRepository.utc(since))
                .map((rs, ctx) -> Map.entry(DebateStatus.fromWireName(rs.getString("status")), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    @Override
    public AccountSearch.Page users(AccountSearch s, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (s.email() != null) {
            where.append(" AND strpos(email, lower(:email)) > 0"); // a literal substring: no LIKE patterns
            binds.put("email", s.email());
        }
        if (s.role() != null) {
            where.append(" AND role = :role");
            binds.put("role", s.role().wireName());
        }
        if (s.status() != null) {
            where.append(
                    switch (s.status()) {
                        case ACTIVE -> " AND is_active AND deleted_at IS NULL";
                        case DISABLED -> " AND NOT is_active AND deleted_at IS NULL";
                        case DELETED -> " AND deleted_at IS NOT NULL";
                    });
        }
        if (s.plan() != null) {
            where.append(" AND plan = :plan");
            binds.put("plan", s.plan());
        }
        if (s.createdFrom() != null) {
            where.append(" AND created_at >= :from");
            binds.put("from", JdbiDebateRepository.utc(s.createdFrom()));
        }
        if (s.createdBefore() != null) {
            where.append(" AND created_at < :before");
            binds.put("before", JdbiDebateRepository.utc(s.createdBefore()));
        }
        String order = s.oldestFirst() ? " ORDER BY created_at ASC, id ASC" : " ORDER BY created_at DESC, id DESC";
        return jdbi.withHandle(h -> {
            long total = h.createQuery("SELECT count(*) FROM users" + where)
                    .bindMap(binds)
                    .mapTo(Long.class)
                    .one();
            List<AccountSearch.Listed> items = h.createQuery("SELECT " + JdbiUserRepository.COLUMNS
                            + ", plan FROM users" + where + order + " LIMIT :limit OFFSET :offset")
                    .bindMap(binds)
                    .bind("limit", limit)
                    .bind("offset", offset)
                    .map((rs, ctx) -> new AccountSearch.Listed(JdbiUserRepository.read(rs), rs.getString("plan")))
                    .list();
            return new AccountSearch.Page(items, total);
        });
    }

    @Override
    public long debatesWithoutCritiqueSince(Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM debates WHERE created_at >= :since"
                        + " AND mode = 'debate' AND (config->>'rounds')::int = 0")
                .bind("since", JdbiDebateRepository.utc(since))
                .mapTo(Long.class)
                .one());
    }

    @Override
    public long activeUsersSince(Instant since) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(DISTINCT owner_id) FROM debates WHERE created_at >= :since AND owner_id IS NOT NULL")
                .bind("since", JdbiDebateRepository.utc(since))
                .mapTo(Long.class)
                .one());
    }

    @Override
    public List<ModelUsage> usageByModelSince(Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT model, sum(tokens) AS tokens, sum(cost_usd) AS cost "
                        + "FROM usage_ledger WHERE kind = 'settle' AND created_at >= :since "
                        + "GROUP BY model ORDER BY tokens DESC, model")
                .bind("since", JdbiDebateRepository.utc(since))
                .map((rs, ctx) -> new ModelUsage(rs.getString("model"), rs.getLong("tokens"), rs.getDouble("cost")))
                .list());
    }
}
