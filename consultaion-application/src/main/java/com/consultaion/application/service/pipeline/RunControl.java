package com.consultaion.application.service.pipeline;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.DebateId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * The controls of one running debate: its deadline, and cooperative cancellation. Cancelling marks the run and
 * cancels every model call in flight; stages stop at their next boundary.
 */
public final class RunControl {

    private final Clock clock;
    private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Instant deadline;
    private volatile boolean cancelled;
    private volatile boolean abandoned;
    private volatile @Nullable String traceParent;
    private final @Nullable DebateId debate;

    public RunControl(Clock clock, Instant deadline) {
        this(clock, deadline, null);
    }

    /** {@code debate}: the debate this run is of, whose live viewers see its calls' text; null for none. */
    public RunControl(Clock clock, Instant deadline, @Nullable DebateId debate) {
        this.clock = clock;
        this.deadline = deadline;
        this.debate = debate;
    }

    public @Nullable DebateId debate() {
        return debate;
    }

    /** The span that model calls started now belong to (the running stage's), or null when not tracing. */
    public @Nullable String traceParent() {
        return traceParent;
    }

    public void traceParent(@Nullable String parent) {
        this.traceParent = parent;
    }

    /** The user cancelled: stop at the next boundary and record the cancellation. */
    public void cancel() {
        cancelled = true;
        inFlight.forEach(f -> f.cancel(true));
    }

    /**
     * This worker must stop without writing anything more (its lease was lost, or the node shuts down): the
     * debate resumes elsewhere from its last checkpoint.
     */
    public void abandon() {
        abandoned = true;
        cancel();
    }

    public boolean cancelled() {
        return cancelled;
    }

    public boolean abandoned() {
        return abandoned;
    }

    public void deadline(Instant at) {
        this.deadline = at;
    }

    public boolean pastDeadline() {
        return !clock.instant().isBefore(deadline);
    }

    /** Time left before the deadline (zero when past it). */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    void track(Future<?> call) {
        inFlight.add(call);
        if (cancelled) {
            call.cancel(true);
        }
    }

    // A call is tracked by identity, which is what Future.equals gives.
    @SuppressWarnings("CollectionUndefinedEquality")
    void untrack(Future<?> call) {
        inFlight.remove(call);
    }
}
