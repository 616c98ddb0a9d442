package com.consultaion.domain.event;

import java.util.Map;

/**
 * Rebuilds a payload from its wire fields, as read back from storage. Numbers may arrive as any {@link Number}
 * (JSON libraries differ); unknown types become {@link EventPayload.Unknown} rather than failing a replay.
 */
public final class EventPayloads {

    private EventPayloads() {}

    public static EventPayload decode(String type, Map<String, Object> f) {
        EventPayload decoded = EventWire.decode(type, f);
        return decoded != null ? decoded : new EventPayload.Unknown(type, Map.copyOf(f));
    }
}
