package com.consultaion.adapter.rest.config;

import com.consultaion.application.port.in.ModelQueries;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The model catalogue (never keys or URLs). */
@Controller("/models")
final class ModelsController {

    private final ModelQueries catalog;

    ModelsController(ModelQueries catalog) {
        this.catalog = catalog;
    }

    @Get
    Map<String, List<Map<String, Object>>> models() {
        return Map.of(
                "models", catalog.models().stream().map(ModelsController::json).toList());
    }

    @Get("/default")
    Map<String, Object> defaultModel() {
        return json(catalog.defaultModel());
    }

    private static Map<String, Object> json(ModelQueries.Model d) {
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
