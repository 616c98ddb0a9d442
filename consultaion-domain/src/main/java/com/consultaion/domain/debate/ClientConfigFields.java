package com.consultaion.domain.debate;

import com.consultaion.domain.Violations;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A config and a panel as a client sends them: only the keys the API defines are read; any other key (a typo, or
 * what the service decides itself, such as {@code routing} or a parliament's seats inside {@code config}) is a field
 * error with its path, never silently dropped. The values are then read as {@link DebateConfigFields} reads them.
 */
public final class ClientConfigFields {

    private ClientConfigFields() {}

    private static final Set<String> CONFIG_KEYS = Set.of(
            "agents",
            "judges",
            "rounds",
            "budget",
            "tolerance",
            "aggregation",
            "synthesizers",
            "call_timeout_seconds",
            "deadline_seconds",
            "conversation");
    private static final Map<String, Set<String>> NESTED_KEYS = Map.of(
            "agents", Set.of("name", "persona", "model", "tools"),
            "judges", Set.of("name", "model", "criteria", "rubrics"),
            "budget", Set.of("max_tokens", "max_cost_usd"),
            "tolerance", Set.of("min_agents", "max_failure_ratio"),
            "conversation", Set.of("rounds", "max_total_tokens"));
    private static final Set<String> PANEL_KEYS =
            Set.of("seats", "max_seat_fail_ratio", "min_required_seats", "fail_fast", "judged", "engine_version");
    /** The one parliament engine; the original service's clients name it in {@code panel_config.engine_version}. */
    public static final String ENGINE_VERSION = "parliament-v1";

    private static final Set<String> SEAT_KEYS =
            Set.of("seat_id", "display_name", "provider_key", "model", "role_profile", "temperature");

    /**
     * A config as a client sends it: like {@link DebateConfigFields#fromFields}, but a key the API does not know (a typo, or what
     * the service decides itself, such as {@code routing} or {@code panel}) is a field error, each one listed
     * with its path ({@code config.agents[1].modle}), never silently dropped.
     */
    public static DebateConfig fromClientFields(Map<String, ?> f, String defaultModel) {
        Violations v = new Violations();
        unknown(v, f, CONFIG_KEYS, "");
        NESTED_KEYS.forEach((key, known) -> {
            Object nested = f.get(key);
            if (nested instanceof Map<?, ?> m) {
                unknown(v, m, known, key);
            } else if (nested instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> m) {
                        unknown(v, m, known, key + "[" + i + "]");
                    }
                }
            }
        });
        if (f.get("agents") instanceof List<?> agents) {
            for (int i = 0; i < agents.size(); i++) {
                if (agents.get(i) instanceof Map<?, ?> a && a.containsKey("tools")) {
                    // The original service's SDK may send an agent's tools; models here are given none, so a
                    // request for any is refused rather than run without them.
                    v.check(
                            a.get("tools") instanceof List<?> tools && tools.isEmpty(),
                            "agents[" + i + "].tools",
                            "tools.unsupported",
                            "agents are given no tools here: send [] or leave it out");
                }
            }
        }
        v.throwIfAny();
        return DebateConfigFields.fromFields(f, defaultModel);
    }

    /** A {@code panel_config} as a client sends it: unknown keys are field errors, as in {@link #fromClientFields}. */
    public static Panel panelFromClientFields(Map<String, ?> f, String defaultModel) {
        Violations v = new Violations();
        unknown(v, f, PANEL_KEYS, "");
        v.check(
                !f.containsKey("engine_version") || ENGINE_VERSION.equals(f.get("engine_version")),
                "engine_version",
                "engine_version.unknown",
                "the one engine is " + ENGINE_VERSION);
        if (f.get("seats") instanceof List<?> seats) {
            for (int i = 0; i < seats.size(); i++) {
                if (seats.get(i) instanceof Map<?, ?> m) {
                    unknown(v, m, SEAT_KEYS, "seats[" + i + "]");
                }
            }
        }
        v.throwIfAny();
        return DebateConfigFields.panelFromFields(f, defaultModel);
    }

    private static void unknown(Violations v, Map<?, ?> f, Set<String> known, String path) {
        f.keySet().stream()
                .map(String::valueOf)
                .filter(k -> !known.contains(k))
                .sorted()
                .forEach(k ->
                        v.check(false, ClientFields.join(path, k), "field.unknown", "not a field of this request"));
    }
}
