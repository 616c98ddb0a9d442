package com.consultaion.adapter.rest.debate;

import com.consultaion.domain.debate.ClientConfigFields;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfigFields;
import com.consultaion.domain.routing.Routing;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A debate as the original service's clients expect it (snake_case, ISO-8601 UTC, UUID strings). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DebateResponse(
        String id,
        String prompt,
        String mode,
        String status,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("user_id") String userId,
        @JsonProperty("team_id") String teamId,
        @JsonProperty("model_id") String modelId,
        @JsonProperty("routed_model") String routedModel,
        @JsonProperty("routing_policy") String routingPolicy,
        @JsonProperty("routing_meta") Map<String, Object> routingMeta,
        Map<String, Object> config,
        @JsonProperty("panel_config") Map<String, Object> panelConfig,
        @JsonProperty("final_content") String finalContent,
        @JsonProperty("final_meta") Map<String, Object> finalMeta,
        Map<String, Object> error,
        String category) {

    public static DebateResponse of(Debate d, Map<String, Object> finalMeta) {
        String model = d.config().agents().get(0).model();
        Routing chosen = d.config().routing();
        Map<String, Object> routing = new LinkedHashMap<>();
        String policy = "explicit";
        String requested = model;
        if (chosen == null) { // debates started before routing, or by embedders
            routing.put("candidates", List.of());
            routing.put("requested_model", null);
        } else {
            Map<String, Object> f = DebateConfigFields.routingToFields(chosen);
            routing.put("candidates", f.get("candidates"));
            routing.put("requested_model", chosen.requestedModel());
            policy = chosen.policy();
            model = chosen.routedModel();
            requested = chosen.requestedModel() == null ? chosen.routedModel() : chosen.requestedModel();
        }
        Map<String, Object> error = null;
        if (d.reason().isPresent() && !d.reason().get().equals("cancelled")) {
            error = new LinkedHashMap<>();
            error.put("reason", d.reason().get());
            error.put("detail", d.detail().orElse(null));
        }
        return new DebateResponse(
                d.id().toString(),
                d.prompt().text(),
                d.mode().wireName(),
                d.status().wireName(),
                d.createdAt().toString(),
                d.updatedAt().toString(),
                d.ownerId().map(Object::toString).orElse(null),
                d.teamId().map(Object::toString).orElse(null),
                requested,
                model,
                policy,
                routing,
                DebateConfigFields.toFields(d.config()),
                panel(d),
                d.finalContent().orElse(null),
                finalMeta,
                error,
                d.category().orElse(null));
    }

    /** A parliament's panel at the top level too, as the original service shows it, naming its engine. */
    private static Map<String, Object> panel(Debate d) {
        if (d.config().panel() == null) {
            return null;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("engine_version", ClientConfigFields.ENGINE_VERSION);
        f.putAll(DebateConfigFields.panelToFields(d.config().panel()));
        return f;
    }
}
