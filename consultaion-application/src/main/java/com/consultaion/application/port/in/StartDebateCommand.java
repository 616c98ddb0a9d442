package com.consultaion.application.port.in;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateMode;
import java.util.Map;
import java.util.Objects;

/**
 * Start a debate: the request as its caller gave it. Nothing is checked here; {@link StartDebateUseCase} parses,
 * routes, validates (every bad field reported at once), defaults the panel and normalises the category, once each.
 *
 * @param prompt the question (trimmed and bounded by the use case)
 * @param mode a mode's wire name; null: {@code debate}
 * @param model a model the request names ({@code model_id}); null: the routing policy chooses
 * @param routingPolicy {@code router-smart} (null) or {@code router-deep}
 * @param config what the debate runs with: a client's fields or a config built in code
 * @param category null or blank: none
 */
public record StartDebateCommand(
        Requester requester,
        @Nullable String prompt,
        @Nullable String mode,
        @Nullable String model,
        @Nullable String routingPolicy,
        Config config,
        @Nullable String category) {

    public StartDebateCommand {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(config, "config");
    }

    /** How the debate is configured. */
    public sealed interface Config {}

    /**
     * A client's {@code config} and {@code panel_config} objects, as parsed from JSON (null: absent). Only the
     * fields a client may set are read; the routing record and a parliament's seats are the service's.
     */
    public record ClientFields(
            @Nullable Map<String, Object> config, @Nullable Map<String, Object> panel) implements Config {}

    /** A config built in code (embedders, tests); a parliament without a panel sits the default one. */
    public record Given(DebateConfig config) implements Config {
        public Given {
            Objects.requireNonNull(config, "config");
        }
    }

    /** A request from a client, as the HTTP API receives it. */
    public static StartDebateCommand fromClient(
            Requester requester,
            @Nullable String prompt,
            @Nullable String mode,
            @Nullable String model,
            @Nullable String routingPolicy,
            @Nullable Map<String, Object> config,
            @Nullable Map<String, Object> panel,
            @Nullable String category) {
        return new StartDebateCommand(
                requester, prompt, mode, model, routingPolicy, new ClientFields(config, panel), category);
    }

    /** A debate in {@code mode} with a config built in code. */
    public static StartDebateCommand of(Requester requester, String prompt, DebateMode mode, DebateConfig config) {
        return new StartDebateCommand(requester, prompt, mode.wireName(), null, null, new Given(config), null);
    }
}
