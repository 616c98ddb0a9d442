package com.consultaion.domain.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a payload from its wire fields, as read back from storage. Numbers may arrive as any {@link Number}
 * (JSON libraries differ); unknown types become {@link EventPayload.Unknown} rather than failing a replay.
 */
public final class EventPayloads {

    private EventPayloads() {}

    public static EventPayload decode(String type, Map<String, Object> f) {
        return switch (type) {
            case "debate_created" ->
                new EventPayload.DebateCreated(str(f, "mode"), strings(f, "agents"), strings(f, "judges"));
            case "round_started" -> new EventPayload.RoundStarted(integer(f, "round"), str(f, "phase"));
            case "message" ->
                new EventPayload.Message(
                        integer(f, "round"),
                        str(f, "phase"),
                        str(f, "role"),
                        str(f, "agent"),
                        str(f, "model"),
                        str(f, "provider"),
                        str(f, "content"),
                        usage(map(f, "usage")));
            case "notice" -> new EventPayload.Notice(str(f, "level"), str(f, "message"));
            case "agent_failed" -> new EventPayload.AgentFailed(str(f, "agent"), str(f, "model"), str(f, "reason"));
            case "score" ->
                new EventPayload.Score(
                        str(f, "judge"),
                        str(f, "candidate"),
                        doubles(map(f, "criteria")),
                        dbl(f, "score"),
                        str(f, "rationale"));
            case "judge_unparseable" ->
                new EventPayload.JudgeUnparseable(str(f, "judge"), str(f, "candidate"), str(f, "reason"));
            case "ranking" ->
                new EventPayload.RankingDecided(strings(f, "ranking"), str(f, "method"), doubles(map(f, "scores")));
            case "fallback" -> new EventPayload.Fallback(str(f, "from"), str(f, "to"), str(f, "reason"));
            case "final" -> new EventPayload.Final(str(f, "content"), map(f, "meta"));
            case "debate_failed" -> new EventPayload.DebateFailed(str(f, "reason"), str(f, "detail"));
            case "debate_cancelled" -> new EventPayload.DebateCancelled();
            default -> new EventPayload.Unknown(type, Map.copyOf(f));
        };
    }

    private static String str(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v == null ? null : v.toString();
    }

    private static int integer(Map<String, Object> f, String key) {
        return ((Number) f.get(key)).intValue();
    }

    private static double dbl(Map<String, Object> f, String key) {
        return ((Number) f.get(key)).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v == null ? Map.of() : (Map<String, Object>) v;
    }

    private static List<String> strings(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v == null
                ? List.of()
                : ((List<?>) v).stream().map(Object::toString).toList();
    }

    private static Map<String, Double> doubles(Map<String, Object> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, ((Number) v).doubleValue()));
        return out;
    }

    private static EventPayload.UsageFields usage(Map<String, Object> u) {
        return new EventPayload.UsageFields(
                u.get("input_tokens") == null ? 0 : ((Number) u.get("input_tokens")).longValue(),
                u.get("output_tokens") == null ? 0 : ((Number) u.get("output_tokens")).longValue(),
                u.get("cost_usd") == null ? 0 : ((Number) u.get("cost_usd")).doubleValue(),
                Boolean.TRUE.equals(u.get("estimated")));
    }
}
