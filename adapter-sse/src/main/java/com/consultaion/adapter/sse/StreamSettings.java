package com.consultaion.adapter.sse;

import java.time.Duration;

/**
 * Limits of live streams: heartbeat interval, the longest a stream stays open (clients then resume with
 * Last-Event-ID), how many streams one identity may hold, and how many events one read fetches.
 */
public record StreamSettings(Duration heartbeat, Duration maxLifetime, int maxStreamsPerIdentity, int batch) {

    public static final StreamSettings DEFAULTS =
            new StreamSettings(Duration.ofSeconds(15), Duration.ofHours(1), 10, 200);

    public StreamSettings {
        if (heartbeat.isNegative()
                || heartbeat.isZero()
                || maxLifetime.isNegative()
                || maxStreamsPerIdentity < 1
                || batch < 1) {
            throw new IllegalArgumentException("stream limits must be positive");
        }
    }
}
