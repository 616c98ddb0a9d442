package com.consultaion.application.port.in;

import com.consultaion.domain.plan.QuotaPolicy;

/** A plan limit refused the request: 402 (the plan forbids it) or 429 (used up for now), with the details. */
public final class QuotaExceeded extends RuntimeException {

    private final transient QuotaPolicy.Refusal refusal;

    public QuotaExceeded(QuotaPolicy.Refusal refusal) {
        super(refusal.message());
        this.refusal = refusal;
    }

    public QuotaPolicy.Refusal refusal() {
        return refusal;
    }
}
