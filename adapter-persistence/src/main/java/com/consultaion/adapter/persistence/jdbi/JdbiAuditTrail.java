package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.domain.audit.AuditSearch;
import com.consultaion.domain.debate.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The audit trail. */
public final class JdbiAuditTrail implements AuditTrail {
    private final Jdbi jdbi;

    public JdbiAuditTrail(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(Entry e) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_log (at, user_id, action, target_type, target_id, ip, "
                        + "request_id, detail) VALUES (:at, CAST(:user AS UUID), :action, :type, :target, :ip, :rid, "
                        + "CAST(:detail AS JSONB))")
                .bind("at", JdbiTimes.utc(e.at()))
                .bind("user", e.userId() == null ? null : e.userId().value().toString())
                .bind("action", e.action())
                .bind("type", e.targetType())
                .bind("target", e.targetId())
                .bind("ip", e.ip())
                .bind("rid", e.requestId())
                .bind("detail", Json.write(e.detail()))
                .execute());
    }

    @Override
    public List<Entry> about(UserId user, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT at, user_id, action, target_type, target_id, ip, request_id,"
                        + " detail FROM audit_log WHERE user_id = :user OR (target_type = 'user' AND target_id = :id)"
                        + " ORDER BY at DESC, id DESC LIMIT :limit")
                .bind("user", user.value())
                .bind("id", user.value().toString())
                .bind("limit", limit)
                .map((rs, ctx) -> entry(rs))
                .list());
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        String owner = rs.getString("user_id");
        Map<String, String> detail = new LinkedHashMap<>();
        Json.map(rs.getString("detail")).forEach((k, v) -> detail.put(k, String.valueOf(v)));
        return new Entry(
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                owner == null ? null : new UserId(UUID.fromString(owner)),
                rs.getString("action"),
                rs.getString("target_type"),
                rs.getString("target_id"),
                rs.getString("ip"),
                rs.getString("request_id"),
                detail);
    }

    @Override
    public Page search(AuditSearch s, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (s.actor() != null) {
            where.append(" AND user_id = :actor");
            binds.put("actor", s.actor().value());
        }
        if (s.action() != null) {
            where.append(" AND action = :action");
            binds.put("action", s.action());
        }
        if (s.targetType() != null) {
            where.append(" AND target_type = :type");
            binds.put("type", s.targetType());
        }
        if (s.targetId() != null) {
            where.append(" AND target_id = :target");
            binds.put("target", s.targetId());
        }
        if (s.from() != null) {
            where.append(" AND at >= :from");
            binds.put("from", JdbiTimes.utc(s.from()));
        }
        if (s.before() != null) {
            where.append(" AND at < :before");
            binds.put("before", JdbiTimes.utc(s.before()));
        }
        return jdbi.withHandle(h -> {
            long total = h.createQuery("SELECT count(*) FROM audit_log" + where)
                    .bindMap(binds)
                    .mapTo(Long.class)
                    .one();
            List<Entry> items = h.createQuery("SELECT at, user_id, action, target_type, target_id, ip, request_id,"
                            + " detail FROM audit_log" + where
                            + " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset")
                    .bindMap(binds)
                    .bind("limit", limit)
                    .bind("offset", offset)
                    .map((rs, ctx) -> entry(rs))
                    .list();
            return new Page(items, total);
        });
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM audit_log WHERE at < :cutoff")
                .bind("cutoff", JdbiTimes.utc(cutoff))
                .execute());
    }
}
