package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.AuditTrail;
import java.time.Instant;
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
    public int deleteBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM audit_log WHERE at < :cutoff")
                .bind("cutoff", JdbiTimes.utc(cutoff))
                .execute());
    }
}
