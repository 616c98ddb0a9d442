package com.consultaion.application.service;

import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.domain.Nullable;
import java.time.Clock;
import java.util.Map;

/** Writes the audit entries of the use cases: who (the requester), what, on what, from where, now. */
final class Audit {

    private final AuditTrail trail;
    private final Clock clock;

    Audit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    void record(
            Requester requester,
            String action,
            String targetType,
            @Nullable String targetId,
            ClientContext client,
            Map<String, String> detail) {
        trail.record(new AuditTrail.Entry(
                clock.instant(),
                requester.user().orElse(null),
                action,
                targetType,
                targetId,
                client.ip(),
                client.requestId(),
                detail));
    }
}
