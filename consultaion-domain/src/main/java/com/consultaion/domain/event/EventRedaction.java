package com.consultaion.domain.event;

import com.consultaion.domain.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Erasure of an event's text: every string in its fields, at any depth (a {@code final} event's meta with its
 * parliament excerpts included), becomes the marker, except the structure — ids, types, names of agents, judges
 * and models, phases, stable codes. Numbers and booleans (scores, usage) stay. So what is kept is listed here, and
 * anything a newer event carries is erased by default.
 */
public final class EventRedaction {

    /** Keys whose string values are structure, never text a user or a model wrote. */
    private static final Set<String> STRUCTURE = Set.of(
            "type",
            "debate_id",
            "ts",
            "seq",
            "round",
            "phase",
            "role",
            "agent",
            "model",
            "provider",
            "judge",
            "candidate",
            "level",
            "method",
            "from",
            "to",
            "mode",
            "agents",
            "judges",
            "ranking",
            "label",
            "status",
            "stage",
            "run",
            "warnings",
            "engine",
            "seat_id",
            "seat_name",
            "id",
            "name",
            "policy",
            "routed_model",
            "requested_model",
            "truncate_reason",
            "aggregation");

    /** Keys that hold a stable code when their value looks like one (free text there is erased). */
    private static final Set<String> CODES = Set.of("reason", "stance");

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private EventRedaction() {}

    /** The fields with every text replaced by {@code marker} (null values stay null). */
    public static Map<String, Object> redact(Map<String, Object> fields, String marker) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((key, value) -> out.put(key, value(key, value, marker)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Object value(String key, @Nullable Object value, String marker) {
        return switch (value) {
            case null -> null;
            case String s -> keep(key, s) ? s : marker;
            case Map<?, ?> m -> redact((Map<String, Object>) m, marker);
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(item -> copy.add(value(key, item, marker)));
                yield copy;
            }
            default -> value; // numbers, booleans
        };
    }

    private static boolean keep(String key, String value) {
        return STRUCTURE.contains(key)
                || (CODES.contains(key) && CODE.matcher(value).matches());
    }
}
