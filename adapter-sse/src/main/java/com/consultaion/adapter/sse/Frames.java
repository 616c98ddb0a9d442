package com.consultaion.adapter.sse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Server-Sent Events frames, written exactly: {@code id} and one {@code data:} line per event, whose JSON names its
 * type; a {@code retry:} frame and {@code : ping} comments that carry no data (so no client sees an empty message).
 * No {@code event:} line: every event is an EventSource {@code message}, so one {@code onmessage} handler (the
 * original service's web app has just that) sees every type, including types added later.
 */
final class Frames {

    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

    private Frames() {}

    static byte[] retry(Duration delay) {
        return ("retry: " + delay.toMillis() + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ping() {
        return PING.clone();
    }

    /**
     * A live frame: one {@code data:} line and no {@code id:} (live text is never stored, so a resume with
     * {@code Last-Event-ID} never asks for it).
     */
    static byte[] live(String json) {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("event data must be a single line");
        }
        return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code json} is one line (the serializer escapes newlines inside strings). */
    static byte[] event(long seq, String json) {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("event data must be a single line");
        }
        return ("id: " + seq + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
