package com.consultaion.application.service;

import com.consultaion.application.port.in.CheckReadinessQuery;
import com.consultaion.application.port.in.ModelQueries;
import com.consultaion.application.port.in.OperatorStatsQuery;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.ReadinessReport;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.OpsStore;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.limit.RateLimitPolicy;
import com.consultaion.domain.limit.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The operators' {@code /stats}: aggregates from the store, readiness, the catalogue and the rate limiter. */
public final class OperatorStatsService implements OperatorStatsQuery {

    private final OpsStore store;
    private final CheckReadinessQuery readiness;
    private final ModelQueries models;

    @Nullable
    private final RateLimitService limits;

    private final String rateLimitBackend;
    private final Clock clock;

    /**
     * @param limits the rate limiter, or null when rate limiting is off
     * @param rateLimitBackend where its buckets live ({@code postgres} or {@code memory}); ignored when off
     */
    public OperatorStatsService(
            OpsStore store,
            CheckReadinessQuery readiness,
            ModelQueries models,
            @Nullable RateLimitService limits,
            String rateLimitBackend,
            Clock clock) {
        this.store = store;
        this.readiness = readiness;
        this.models = models;
        this.limits = limits;
        this.rateLimitBackend = limits == null ? "off" : rateLimitBackend;
        this.clock = clock;
    }

    private static void adminOnly(Requester requester) {
        if (!requester.admin()) {
            throw new PermissionDenied("only admins may read the operators' statistics");
        }
    }

    @Override
    public DebateCounts debates(Requester requester) {
        adminOnly(requester);
        Instant now = clock.instant();
        return new DebateCounts(
                count(store.debatesByStatusSince(Instant.EPOCH)),
                count(store.debatesByStatusSince(now.minus(Duration.ofHours(24)))),
                count(store.debatesByStatusSince(now.minus(Duration.ofDays(7)))),
                store.debatesWithoutCritiqueSince(Instant.EPOCH));
    }

    private static long count(Map<?, Long> byStatus) {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public SystemHealth health(Requester requester) {
        adminOnly(requester);
        boolean database = readiness.checkReadiness().checks().stream()
                .filter(c -> c.name().equals("database"))
                .allMatch(ReadinessReport.Check::ok);
        List<ModelQueries.Model> usable =
                models.models().stream().filter(ModelQueries.Model::enabled).toList();
        boolean offlineOnly = usable.stream().allMatch(m -> m.provider().equals("local"));
        return new SystemHealth(database, rateLimitBackend, offlineOnly, !usable.isEmpty(), usable.size());
    }

    @Override
    public RateLimits rateLimits(Requester requester) {
        adminOnly(requester);
        if (limits == null) {
            return new RateLimits("off", Duration.ZERO, 0, List.of(), 0);
        }
        TokenBucket api = limits.policy().charge(RateLimitPolicy.Operation.READ).limits();
        Duration window = Duration.ofMillis(Math.round(api.capacity() / api.refillPerSecond() * 1000));
        return new RateLimits(
                rateLimitBackend, window, (long) api.capacity(), limits.recentRefusals(), limits.refusedCount());
    }
}
