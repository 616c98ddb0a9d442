package com.consultaion.bootstrap.config;

import com.consultaion.adapter.persistence.inmemory.InMemoryRateLimitStore;
import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.application.port.in.RateLimitQuery;
import com.consultaion.application.port.out.RateLimitStore;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.service.RateLimitService;
import com.consultaion.domain.limit.RateLimitPolicy;
import com.consultaion.domain.limit.TokenBucket;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits from configuration: the buckets (capacity and the period in which each refills completely), the
 * cost of starting a debate, and where buckets live ({@code postgres}, shared by every node, the default; or
 * {@code memory}, per node). Idle buckets are purged every 10 minutes.
 */
@Factory
final class RateLimitFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitFactory.class);

    @Singleton
    @Requires(property = "consultaion.rate-limit.enabled", notEquals = "false")
    RateLimitService rateLimitService(
            JdbiStores stores,
            Clock clock,
            Telemetry telemetry,
            Settings.RateLimit limits,
            Settings.ApiBucket api,
            Settings.StreamBucket stream,
            Settings.AuthBucket auth) {
        String store = limits.store();
        RateLimitStore buckets = switch (store) {
            case "postgres" -> stores.rateLimits();
            case "memory" -> new InMemoryRateLimitStore();
            default ->
                throw new IllegalArgumentException(
                        "consultaion.rate-limit.store must be postgres or memory, was " + store);
        };
        RateLimitPolicy policy = new RateLimitPolicy(
                Map.of(
                        RateLimitPolicy.Bucket.API, TokenBucket.of(api.capacity(), api.period()),
                        RateLimitPolicy.Bucket.STREAM, TokenBucket.of(stream.capacity(), stream.period()),
                        RateLimitPolicy.Bucket.AUTH, TokenBucket.of(auth.capacity(), auth.period())),
                limits.debateCost());
        return new RateLimitService(buckets, policy, clock, telemetry);
    }

    @Singleton
    RateLimitQuery rateLimits(Optional<RateLimitService> service) {
        if (service.isEmpty()) {
            LOG.warn("rate limiting is OFF (consultaion.rate-limit.enabled=false)");
        }
        return service.<RateLimitQuery>map(s -> s).orElse(RateLimitQuery.OFF);
    }

    /** Forgets buckets idle for an hour (every bucket refills within its period, at most a few minutes). */
    @Singleton
    static final class Purge {
        private final Optional<RateLimitService> service;

        Purge(Optional<RateLimitService> service) {
            this.service = service;
        }

        @Scheduled(fixedDelay = "10m", initialDelay = "10m")
        void purge() {
            service.ifPresent(s -> {
                try {
                    s.purgeIdle(Duration.ofHours(1));
                } catch (RuntimeException e) {
                    LOG.warn("rate-limit purge failed; it runs again in 10 minutes: {}", e.toString());
                }
            });
        }
    }
}
