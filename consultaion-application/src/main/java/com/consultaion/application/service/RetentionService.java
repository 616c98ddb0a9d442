package com.consultaion.application.service;

import com.consultaion.application.port.in.PurgeRetentionUseCase;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.ContentEraser;
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
    public Result purge() {
        Instant now = clock.instant();
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
                null,
                "retention_purge",
                null,
                null,
                null,
                null,
                Map.of("debates_erased", String.valueOf(erased), "audit_deleted", String.valueOf(deleted))));
        return new Result(erased, deleted);
    }
}
