package com.consultaion.adapter.rest.billing;

import com.consultaion.domain.billing.Subscription;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subscription as the billing, operators' and personal views show it:
 * {@code {provider, id, plan, status, current_period_end, updated_at}}.
 */
public final class SubscriptionView {

    private SubscriptionView() {}

    public static Map<String, Object> json(Subscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("provider", s.provider());
        m.put("id", s.id());
        m.put("plan", s.plan());
        m.put("status", s.status().wire());
        m.put(
                "current_period_end",
                s.currentPeriodEnd() == null ? null : s.currentPeriodEnd().toString());
        m.put("updated_at", s.updatedAt().toString());
        return m;
    }
}
