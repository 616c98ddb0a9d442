package com.consultaion.application.service;

import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.PurgeRetentionUseCase;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.ContentEraser;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.audit.AuditSearch;
import com.consultaion.domain.debate.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Retention: finished debates older than {@code debateAge} lose their content (prompts, answers, judge texts,
 * event text) in batches; audit entries older than {@code auditAge} are deleted. Safe on several nodes at once:
 * each batch takes rows no other node holds.
 */
public final class RetentionService implements PurgeRetentionUseCase {

    private static final int BATCH = 200;
    private static final int MAX_BATCHES = 1_000;

    private final ContentEraser eraser;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration debateAge;
    private final Duration auditAge;

    public RetentionService(
            ContentEraser eraser, AuditTrail audit, Clock clock, Duration debateAge, Duration auditAge) {
        if (debateAge.isNegative() || debateAge.isZero() || auditAge.isNegative() || auditAge.isZero()) {
            throw new IllegalArgumentException("retention periods must be positive");
        }
        this.eraser = eraser;
        this.audit = audit;
        this.clock = clock;
        this.debateAge = debateAge;
        this.auditAge = auditAge;
    }

    @Override
    public Result preview(Requester requester, ClientContext client) {
        adminOnly(requester);
        Instant now = clock.instant();
        long debates = eraser.countFinishedBefore(now.minus(debateAge));
        long entries = audit.search(new AuditSearch(null, null, null, null, null, now.minus(auditAge)), 1, 0)
                .total();
        Result would =
                new Result((int) Math.min(Integer.MAX_VALUE, debates), (int) Math.min(Integer.MAX_VALUE, entries));
        record(now, requester, client, "retention_preview", would);
        return would;
    }

    @Override
    public Result purge(Requester requester, ClientContext client) {
        adminOnly(requester);
        return run(clock.instant(), requester.userId(), client);
    }

    private static void adminOnly(Requester requester) {
        if (!requester.admin()) {
            throw new PermissionDenied("only admins may run maintenance");
        }
    }

    private void record(Instant now, Requester requester, ClientContext client, String action, Result r) {
        audit.record(new AuditTrail.Entry(
                now,
                requester.userId(),
                action,
                null,
                null,
                client.ip(),
                client.requestId(),
                Map.of(
                        "debates",
                        String.valueOf(r.debatesErased()),
                        "audit_entries",
                        String.valueOf(r.auditEntriesDeleted()))));
    }

    @Override
    public Result purge() {
        return run(clock.instant(), null, null);
    }

    private Result run(Instant now, @Nullable UserId by, @Nullable ClientContext client) {
        int erased = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int batch = eraser.eraseFinishedBefore(now.minus(debateAge), BATCH, now);
            erased += batch;
            if (batch < BATCH) {
                break;
            }
        }
        int deleted = audit.deleteBefore(now.minus(auditAge));
        audit.record(new AuditTrail.Entry(
                now,
                by,
                "retention_purge",
                null,
                null,
                client == null ? null : client.ip(),
                client == null ? null : client.requestId(),
                Map.of("debates_erased", String.valueOf(erased), "audit_deleted", String.valueOf(deleted))));
        return new Result(erased, deleted);
    }
}
