package com.consultaion.adapter.rest.config;

import com.consultaion.application.port.in.ModelQueries;
import java.util.LinkedHashMap;
import java.util.Map;

/** A model of the catalogue as clients see it ({@code GET /models}, the MCP tool {@code list_models}). */
public final class ModelView {

    private ModelView() {}

    public static Map<String, Object> json(ModelQueries.Model d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("display_name", d.displayName());
        m.put("provider", d.provider());
        m.put("tier", d.tier());
        m.put("cost_per_1k_input", d.costPer1kInput());
        m.put("cost_per_1k_output", d.costPer1kOutput());
        m.put("latency_class", d.latencyClass());
        m.put("quality_tier", d.qualityTier());
        m.put("safety_profile", d.safetyProfile());
        m.put("enabled", d.enabled());
        m.put("recommended", d.recommended());
        m.put("available", d.enabled());
        m.put("circuit_state", d.circuitState());
        return m;
    }
}
