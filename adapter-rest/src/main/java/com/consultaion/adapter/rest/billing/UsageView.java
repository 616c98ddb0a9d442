package com.consultaion.adapter.rest.billing;

import com.consultaion.domain.plan.ModelUsage;
import java.util.LinkedHashMap;
import java.util.Map;

/** One model's settled usage as the operators' and personal views show it: {@code {model_id, tokens, cost_usd}}. */
public final class UsageView {

    private UsageView() {}

    public static Map<String, Object> json(ModelUsage u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_id", u.model());
        m.put("tokens", u.tokens());
        m.put("cost_usd", u.costUsd());
        return m;
    }
}
