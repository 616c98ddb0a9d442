package com.consultaion.adapter.rest.debate;

import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfigFields;
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
        @JsonProperty("final_content") String finalContent,
        @JsonProperty("final_meta") Map<String, Object> finalMeta,
        Map<String, Object> error,
        String category) {

    public static DebateResponse of(Debate d, Map<String, Object> finalMeta) {
        String model = d.config().agents().get(0).model();
        Map<String, Object> routing = new LinkedHashMap<>();
        routing.put("candidates", List.of());
        routing.put("requested_model", null);
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
                model,
                model,
                "explicit",
                routing,
                DebateConfigFields.toFields(d.config()),
                d.finalContent().orElse(null),
                finalMeta,
                error,
                d.category().orElse(null));
    }
}
