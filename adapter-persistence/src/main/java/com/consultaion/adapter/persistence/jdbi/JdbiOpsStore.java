package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.OpsStore;
import com.consultaion.domain.account.AccountSearch;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.plan.ModelUsage;
import java.time.Instant;
import java.util.EnumMap;
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
        if (s.email() != null) {
            where.append(" AND strpos(email, lower(:email)) > 0"); // a literal substring: no LIKE patterns
        }
        if (s.role() != null) {
            where.append(" AND role = :role");
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
        }
        if (s.createdFrom() != null) {
            where.append(" AND created_at >= :from");
        }
        if (s.createdBefore() != null) {
            where.append(" AND created_at < :before");
        }
        String order = s.oldestFirst() ? " ORDER BY created_at ASC, id ASC" : " ORDER BY created_at DESC, id DESC";
        return jdbi.withHandle(h -> {
            var total = h.createQuery("SELECT count(*) FROM users" + where);
            var page = h.createQuery("SELECT " + JdbiUserRepository.COLUMNS + ", plan FROM users" + where + order
                    + " LIMIT :limit OFFSET :offset");
            for (var q : List.of(total, page)) {
                if (s.email() != null) {
                    q.bind("email", s.email());
                }
                if (s.role() != null) {
                    q.bind("role", s.role().wireName());
                }
                if (s.plan() != null) {
                    q.bind("plan", s.plan());
                }
                if (s.createdFrom() != null) {
                    q.bind("from", JdbiDebateRepository.utc(s.createdFrom()));
                }
                if (s.createdBefore() != null) {
                    q.bind("before", JdbiDebateRepository.utc(s.createdBefore()));
                }
            }
            List<AccountSearch.Listed> items = page.bind("limit", limit)
                    .bind("offset", offset)
                    .map((rs, ctx) -> new AccountSearch.Listed(JdbiUserRepository.read(rs), rs.getString("plan")))
                    .list();
            return new AccountSearch.Page(items, total.mapTo(Long.class).one());
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
