package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.json.JsonReader;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a parliament seat said. Seats are asked for one JSON object {@code {content, reasoning?, stance?}}; a
 * reply that is exactly that is {@code structured}. Anything else is kept as the seat's content word for word
 * (cut to {@link #MAX_CONTENT_LENGTH}) with {@code structured = false} and the reason in {@code fallbackReason},
 * so the transcript never loses what was said and never pretends it was structured.
 */
public record SeatReply(
        String content,
        @Nullable String reasoning,
        @Nullable String stance,
        boolean structured,
        @Nullable String fallbackReason) {

    public static final int MAX_CONTENT_LENGTH = 16_384;
    public static final Set<String> STANCES = Set.of("support", "oppose", "conditional", "neutral");

    public static SeatReply parse(String reply) {
        String raw = reply.strip();
        if (raw.isEmpty()) {
            return fallback(reply, "empty reply");
        }
        Object document;
        try {
            document = JsonReader.read(JsonReader.unfence(raw));
        } catch (JsonReader.JsonException e) {
            return fallback(raw, "not JSON");
        }
        if (!(document instanceof Map<?, ?> object)) {
            return fallback(raw, "not a JSON object");
        }
        if (!(object.get("content") instanceof String content) || content.isBlank()) {
            return fallback(raw, "no \"content\" text");
        }
        Object reasoning = object.get("reasoning");
        if (reasoning != null && !(reasoning instanceof String)) {
            return fallback(raw, "\"reasoning\" is not text");
        }
        Object stance = object.get("stance");
        String normalised = stance instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : null;
        if (stance != null && (normalised == null || !STANCES.contains(normalised))) {
            return fallback(
                    raw,
                    "\"stance\" is not one of "
                            + String.join(", ", STANCES.stream().sorted().toList()));
        }
        return new SeatReply(
                cut(content.strip()),
                reasoning == null || ((String) reasoning).isBlank() ? null : cut(((String) reasoning).strip()),
                normalised,
                true,
                null);
    }

    private static SeatReply fallback(String raw, String reason) {
        return new SeatReply(cut(raw.strip()), null, null, false, reason);
    }

    private static String cut(String text) {
        return text.length() > MAX_CONTENT_LENGTH ? text.substring(0, MAX_CONTENT_LENGTH) : text;
    }
}
