package com.consultaion.adapter.sse;

import java.time.Duration;

/**
 * Limits of live streams: heartbeat interval, the longest a stream stays open (clients then resume with
 * Last-Event-ID), how many streams one identity may hold, how many events one read fetches, and how many bytes
 * may wait for one subscriber's socket before it is dropped for lag (it resumes with Last-Event-ID).
 */
public record StreamSettings(
        Duration heartbeat, Duration maxLifetime, int maxStreamsPerIdentity, int batch, long maxBacklogBytes) {

    public static final long DEFAULT_MAX_BACKLOG_BYTES = 4L << 20;

    public static final StreamSettings DEFAULTS =
            new StreamSettings(Duration.ofSeconds(15), Duration.ofHours(1), 10, 200, DEFAULT_MAX_BACKLOG_BYTES);

    public StreamSettings {
        if (heartbeat.isNegative()
                || heartbeat.isZero()
                || maxLifetime.isNegative()
                || maxStreamsPerIdentity < 1
                || batch < 1
                || maxBacklogBytes < 1) {
            throw new IllegalArgumentException("stream limits must be positive");
        }
    }
}
