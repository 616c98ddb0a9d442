package com.consultaion.adapter.rest.config;

import com.consultaion.application.port.in.ModelQueries;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
        return Map.of("models", catalog.models().stream().map(ModelView::json).toList());
    }

    @Get("/default")
    Map<String, Object> defaultModel() {
        return ModelView.json(catalog.defaultModel());
    }
}
