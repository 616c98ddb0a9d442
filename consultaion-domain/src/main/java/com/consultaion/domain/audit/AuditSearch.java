package com.consultaion.domain.audit;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;

/**
 * Which audit entries an operator reads; every criterion is optional and exact ({@code from} inclusive,
 * {@code before} exclusive). Newest first.
 */
public record AuditSearch(
        @Nullable UserId actor,
        @Nullable String action,
        @Nullable String targetType,
        @Nullable String targetId,
        @Nullable Instant from,
        @Nullable Instant before) {

    public static final AuditSearch ALL = new AuditSearch(null, null, null, null, null, null);
}
