package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.domain.debate.UserId;
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
                .map((rs, ctx) -> {
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
                })
                .list());
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM audit_log WHERE at < :cutoff")
                .bind("cutoff", JdbiTimes.utc(cutoff))
                .execute());
    }
}
