package com.consultaion.bootstrap.config;

import com.consultaion.adapter.sse.StreamMetrics;
import com.consultaion.application.port.in.Admission;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.DebateStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The core's {@link Telemetry} on Micrometer, exported at {@code /prometheus} (admins only). Every tag value is
 * from a bounded set: modes, statuses, stage names, model ids from the catalogue, providers, outcomes, refusal
 * codes, bucket names. Users, e-mails and prompts never become tags.
 */
@Factory
final class MetricsFactory {

    /** The pool's timer whose buckets are published, so a wait's p99 can be read, not only its mean and max. */
    static final String POOL_ACQUIRE = "hikaricp.connections.acquire";

    /**
     * Buckets for the database pool's acquisition time: Hikari's timer publishes count, sum and max only, and the
     * question an operator asks under load is how long the slowest requests waited for a connection. The range
     * covers a free connection (microseconds) up to past the pool's connection timeout.
     */
    @Singleton
    MeterFilter poolAcquireBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(POOL_ACQUIRE)) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue(
                                (double) Duration.ofMillis(1).dividedBy(20).toNanos()) // 50 µs
                        .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos())
                        .build()
                        .merge(config);
            }
        };
    }

    @Singleton
    Telemetry telemetry(
            MeterRegistry registry,
            StreamMetrics streams,
            @Named("stream-opens") Admission opens,
            @Named("debate-starts") Admission starts) {
        Gauge.builder("consultaion.sse.opens.waiting", opens, Admission::waiting)
                .description("stream opens waiting for their turn on this node")
                .register(registry);
        Gauge.builder("consultaion.sse.opens.refused", opens, Admission::refused)
                .description("stream opens refused (503) because too many were waiting, since start")
                .register(registry);
        Gauge.builder("consultaion.debate.starts.waiting", starts, Admission::waiting)
                .description("debate starts waiting for their turn on this node")
                .register(registry);
        Gauge.builder("consultaion.debate.starts.refused", starts, Admission::refused)
                .description("debate starts refused (503) because too many were waiting, since start")
                .register(registry);
        Gauge.builder("consultaion.sse.open.streams", streams, StreamMetrics::openStreams)
                .description("live event streams open on this node")
                .register(registry);
        Gauge.builder("consultaion.sse.events.delivered", streams, StreamMetrics::eventsDelivered)
                .description("events delivered to stream subscribers on this node since start")
                .register(registry);
        Gauge.builder("consultaion.sse.subscribers.dropped", streams, StreamMetrics::subscribersDroppedForLag)
                .description("subscribers disconnected for falling behind, since start")
                .register(registry);
        Gauge.builder("consultaion.sse.streams.ended.by.limit", streams, StreamMetrics::streamsEndedByLimit)
                .description("streams ended by their lifetime limit, since start")
                .register(registry);
        return new MicrometerTelemetry(registry);
    }

    static final class MicrometerTelemetry implements Telemetry {
        private final MeterRegistry registry;

        MicrometerTelemetry(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        public void debateStarted(DebateMode mode) {
            Counter.builder("consultaion.debates.started")
                    .description("debates started")
                    .tag("mode", mode.wireName())
                    .register(registry)
                    .increment();
        }

        @Override
        public void debateFinished(DebateMode mode, DebateStatus status, Duration duration) {
            Timer.builder("consultaion.debates.finished")
                    .description("debates that reached a terminal state, and how long after creation")
                    .tag("mode", mode.wireName())
                    .tag("status", status.wireName())
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(duration);
        }

        @Override
        public void stageFinished(String stage, Duration duration) {
            Timer.builder("consultaion.stage.duration")
                    .description("time a debate stage took")
                    .tag("stage", stage)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(duration);
        }

        @Override
        public void modelCall(
                String provider, String model, String outcome, Duration latency, long tokens, double costUsd) {
            Timer.builder("consultaion.llm.calls")
                    .description("model calls by provider, model and outcome, with their latency")
                    .tag("provider", provider)
                    .tag("model", model)
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(latency);
            Counter.builder("consultaion.llm.tokens")
                    .description("tokens reported by the providers")
                    .tag("model", model)
                    .register(registry)
                    .increment((double) tokens);
            Counter.builder("consultaion.llm.cost.usd")
                    .description("cost reported or estimated for model calls, in US dollars")
                    .tag("model", model)
                    .register(registry)
                    .increment(costUsd);
        }

        @Override
        public void quotaRefused(String code) {
            Counter.builder("consultaion.quota.refusals")
                    .description("requests refused by a plan limit")
                    .tag("code", code)
                    .register(registry)
                    .increment();
        }

        @Override
        public void modelRetried(String provider, String model, String reason) {
            Counter.builder("consultaion.llm.retries")
                    .description("provider calls tried again after a transient failure")
                    .tag("provider", provider)
                    .tag("model", model)
                    .tag("reason", reason)
                    .register(registry)
                    .increment();
        }

        @Override
        public void circuitTracked(String provider, String model, IntSupplier state) {
            Gauge.builder("consultaion.llm.circuit.state", state::getAsInt)
                    .description("a provider model's circuit breaker: 0 closed, 1 half-open (or ready for its trial"
                            + " call), 2 open")
                    .tag("provider", provider)
                    .tag("model", model)
                    .register(registry);
        }

        @Override
        public void rateLimitRefused(String bucket) {
            Counter.builder("consultaion.rate.limit.refusals")
                    .description("requests refused by a rate-limit bucket")
                    .tag("bucket", bucket)
                    .register(registry)
                    .increment();
        }
    }
}
