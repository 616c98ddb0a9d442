package com.consultaion.application.port.out;

import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.DebateStatus;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Port out: what the core reports for monitoring. Every value passed is of bounded cardinality (modes, statuses,
 * stage names, model ids from the catalogue, refusal codes) — never a user, an e-mail or a prompt. All methods
 * do nothing by default; {@link #NONE} is the embedded default.
 */
public interface Telemetry {

    Telemetry NONE = new Telemetry() {};

    default void debateStarted(DebateMode mode) {}

    /** A debate reached a terminal state, {@code duration} after it was created. */
    default void debateFinished(DebateMode mode, DebateStatus status, Duration duration) {}

    default void stageFinished(String stage, Duration duration) {}

    /**
     * One model call settled: {@code outcome} is {@code ok}, {@code error}, {@code timeout} or {@code cancelled};
     * tokens and cost are the provider's report (0 when it failed).
     */
    default void modelCall(
            String provider, String model, String outcome, Duration latency, long tokens, double costUsd) {}

    /** A provider call is tried again after a transient failure ({@code timeout}, {@code io}, {@code http_429} …). */
    default void modelRetried(String provider, String model, String reason) {}

    /** A provider model's circuit breaker changed state: {@code closed}, {@code half_open} or {@code open}. */
    default void circuitChanged(String provider, String model, String state) {}

    /**
     * A provider model's circuit as its adapter reports it now ({@code 0} closed, {@code 1} half-open or ready for
     * its trial call, {@code 2} open), read whenever the metric is read: the gauge then says what routing and the
     * listings say, even while no call changes the breaker.
     */
    default void circuitTracked(String provider, String model, IntSupplier state) {}

    /** A plan refused a request ({@code plan.max_agents}, {@code quota.tokens_per_day} …). */
    default void quotaRefused(String code) {}

    /** A rate-limit bucket ({@code api}, {@code stream}, {@code auth}) refused a request. */
    default void rateLimitRefused(String bucket) {}
}
