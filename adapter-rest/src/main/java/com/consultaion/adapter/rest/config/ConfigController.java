package com.consultaion.adapter.rest.config;

import com.consultaion.application.port.in.ModelQueries;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateConfigFields;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Public, cacheable defaults: the default debate config and its panel. */
@Controller("/config")
final class ConfigController {

    private final ModelQueries models;

    ConfigController(ModelQueries models) {
        this.models = models;
    }

    @Get("/default")
    Map<String, Object> defaults() {
        return DebateConfigFields.toFields(models.defaultConfig());
    }

    @Get("/members")
    Map<String, Object> members() {
        DebateConfig config = models.defaultConfig();
        List<Map<String, Object>> members = new ArrayList<>();
        config.agents().forEach(a -> members.add(member(a.name(), "agent", a.model())));
        config.judges().forEach(j -> members.add(member(j.name(), "judge", j.model())));
        return Map.of("members", members);
    }

    private static Map<String, Object> member(String name, String role, String model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", name.toLowerCase(Locale.ROOT));
        m.put("name", name);
        m.put("role", role);
        m.put("party", model);
        return m;
    }
}
