package com.consultaion.domain.event;

import com.consultaion.domain.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rebuilds a payload from its wire fields, as read back from storage. Numbers may arrive as any {@link Number}
 * (JSON libraries differ); unknown types become {@link EventPayload.Unknown} rather than failing a replay.
 */
public final class EventPayloads {

    private EventPayloads() {}

    public static EventPayload decode(String type, Map<String, Object> f) {
        return switch (type) {
            case "debate_created" ->
                new EventPayload.DebateCreated(required(f, "mode"), strings(f, "agents"), strings(f, "judges"));
            case "round_started" -> new EventPayload.RoundStarted(integer(f, "round"), required(f, "phase"));
            case "message" ->
                new EventPayload.Message(
                        integer(f, "round"),
                        required(f, "phase"),
                        required(f, "role"),
                        required(f, "agent"),
                        required(f, "model"),
                        required(f, "provider"),
                        required(f, "content"),
                        usage(map(f, "usage")));
            case "seat_message" ->
                new EventPayload.SeatMessage(
                        integer(f, "round"),
                        required(f, "phase"),
                        required(f, "seat_id"),
                        required(f, "seat_name"),
                        required(f, "role"),
                        required(f, "model"),
                        required(f, "provider"),
                        required(f, "content"),
                        optional(f, "stance"),
                        optional(f, "reasoning"),
                        Boolean.TRUE.equals(f.get("structured")),
                        usage(map(f, "usage")));
            case "conversation_summary" ->
                new EventPayload.ConversationSummary(integer(f, "round"), required(f, "content"));
            case "notice" -> new EventPayload.Notice(required(f, "level"), required(f, "message"));
            case "agent_failed" ->
                new EventPayload.AgentFailed(required(f, "agent"), required(f, "model"), required(f, "reason"));
            case "score" ->
                new EventPayload.Score(
                        required(f, "judge"),
                        required(f, "candidate"),
                        doubles(map(f, "criteria")),
                        dbl(f, "score"),
                        required(f, "rationale"));
            case "judge_unparseable" ->
                new EventPayload.JudgeUnparseable(
                        required(f, "judge"), required(f, "candidate"), required(f, "reason"));
            case "ranking" ->
                new EventPayload.RankingDecided(
                        strings(f, "ranking"), required(f, "method"), doubles(map(f, "scores")));
            case "fallback" -> new EventPayload.Fallback(required(f, "from"), required(f, "to"), required(f, "reason"));
            case "final" -> new EventPayload.Final(optional(f, "content"), map(f, "meta"));
            case "debate_failed" -> new EventPayload.DebateFailed(required(f, "reason"), optional(f, "detail"));
            case "debate_cancelled" -> new EventPayload.DebateCancelled();
            case "debate_retried" -> new EventPayload.DebateRetried(integer(f, "stage"), integer(f, "run"));
            default -> new EventPayload.Unknown(type, Map.copyOf(f));
        };
    }

    private static String required(Map<String, Object> f, String key) {
        return Objects.requireNonNull(f.get(key), key).toString();
    }

    private static @Nullable String optional(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v == null ? null : v.toString();
    }

    private static int integer(Map<String, Object> f, String key) {
        return ((Number) Objects.requireNonNull(f.get(key), key)).intValue();
    }

    private static double dbl(Map<String, Object> f, String key) {
        return ((Number) Objects.requireNonNull(f.get(key), key)).doubleValue();
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
