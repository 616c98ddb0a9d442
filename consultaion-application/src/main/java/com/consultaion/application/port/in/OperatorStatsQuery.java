package com.consultaion.application.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Port in: the operators' statistics the original service served under {@code /stats} (admins only): debate counts,
 * the system's health as an operator sees it, and the rate limiter's state with its recent refusals.
 */
public interface OperatorStatsQuery {

    /**
     * Debates over every account.
     *
     * @throws PermissionDenied unless the requester is an admin
     */
    DebateCounts debates(Requester requester);

    /**
     * The database, the rate limiter and the models, now.
     *
     * @throws PermissionDenied unless the requester is an admin
     */
    SystemHealth health(Requester requester);

    /**
     * The rate limiter's general limit and the refusals this node made lately, newest last.
     *
     * @throws PermissionDenied unless the requester is an admin
     */
    RateLimits rateLimits(Requester requester);

    /** Created ever, in the last 24 hours and 7 days; {@code withoutCritique}: debates run with no critique round. */
    record DebateCounts(long total, long last24h, long last7d, long withoutCritique) {}

    /**
     * The system as an operator sees it.
     *
     * @param rateLimitBackend {@code postgres}, {@code memory}, or {@code off}
     * @param offlineOnly whether the only usable model is the offline local one
     */
    record SystemHealth(
            boolean databaseOk,
            String rateLimitBackend,
            boolean offlineOnly,
            boolean modelsAvailable,
            int usableModels) {}

    /**
     * The general limit and the recent refusals.
     *
     * @param window the general bucket's refill period
     * @param maxCalls the general bucket's capacity
     * @param refusedSinceStart refusals of this node since it started
     */
    record RateLimits(String backend, Duration window, long maxCalls, List<Refusal> recent, long refusedSinceStart) {}

    /** One refused request: who was charged ({@code user:<id>} or {@code ip:<address>}) from which bucket. */
    record Refusal(Instant at, String identity, String bucket) {}
}
