package com.consultaion.bootstrap.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * The service's settings, bound from configuration. Every default lives in {@code application.yml} (with the
 * environment variable that overrides it) and nowhere else; docs/operations.md lists them.
 */
final class Settings {

    private Settings() {}

    /** {@code consultaion.*}: the model catalogue file (empty: the shipped one) and the default model. */
    @ConfigurationProperties("consultaion")
    record Models(String catalogueFile, String defaultModel) {}

    @ConfigurationProperties("consultaion.worker")
    record Worker(
            int maxConcurrent, Duration leaseTtl, Duration heartbeat, Duration poll, boolean enabled, String nodeId) {}

    @ConfigurationProperties("consultaion.leaderboard")
    record Leaderboard(int bootstrapRounds, Duration refreshDelay) {}

    @ConfigurationProperties("consultaion.retention")
    record Retention(int debateDays, int auditDays) {}

    @ConfigurationProperties("consultaion.local-model")
    record LocalModel(long latencyMs, double failureRate, long failureSeed) {}

    @ConfigurationProperties("consultaion.safety")
    record Safety(boolean piiScrubbing, List<String> piiKinds) {}

    @ConfigurationProperties("consultaion.sse")
    record Sse(
            Duration heartbeat,
            Duration maxLifetime,
            int maxStreamsPerIdentity,
            long maxBacklogBytes,
            int openConcurrency,
            int openQueueLimit,
            Duration openQueueTimeout,
            boolean liveText) {}

    /** {@code consultaion.http.start-*}: how many debate starts run at once and how many may wait. */
    @ConfigurationProperties("consultaion.http")
    record Starts(int startConcurrency, int startQueueLimit, Duration startQueueTimeout) {}

    @ConfigurationProperties("consultaion.rate-limit")
    record RateLimit(String store, double debateCost) {}

    @ConfigurationProperties("consultaion.rate-limit.api")
    record ApiBucket(double capacity, Duration period) {}

    @ConfigurationProperties("consultaion.rate-limit.stream")
    record StreamBucket(double capacity, Duration period) {}

    @ConfigurationProperties("consultaion.rate-limit.auth")
    record AuthBucket(double capacity, Duration period) {}
}
