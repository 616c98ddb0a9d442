package com.consultaion.domain.event;

import com.consultaion.domain.debate.DebateId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened in a debate, numbered: {@code seq} is per debate, starts at 1 and has no gaps. Events
 * are stored before they are published, so readers can always resume after the last seq they saw.
 */
public record DebateEvent(DebateId debateId, long seq, Instant ts, EventPayload payload) {

    public DebateEvent {
        Objects.requireNonNull(debateId, "debateId");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(payload, "payload");
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1");
        }
    }

    public String type() {
        return payload.type();
    }

    public boolean terminal() {
        return payload.terminal();
    }

    /**
     * The event as clients receive it (SSE {@code data:} and the JSON events endpoint alike): {@code type},
     * {@code debate_id}, {@code seq}, {@code ts} (ISO-8601 UTC), {@code v}, then the payload's fields.
     */
    public Map<String, Object> wireFields() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("type", type());
        wire.put("debate_id", debateId.toString());
        wire.put("seq", seq);
        wire.put("ts", ts.toString());
        wire.put("v", 1);
        payload.fields().forEach(wire::putIfAbsent);
        return wire;
    }
}
