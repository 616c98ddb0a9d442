package com.consultaion.application.port.out;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import java.time.Duration;
import java.util.Optional;

/**
 * Port out: nudges to this node's debate worker, so it reacts at once instead of at its next poll. Other nodes
 * learn the same things by polling (new work) and by their heartbeat (cancel requests).
 */
public interface WorkSignals {

    WorkSignals NONE = new WorkSignals() {
        @Override
        public void workAvailable() {}

        @Override
        public void cancelRequested(DebateId id) {}
    };

    /** A debate was queued (started or retried). */
    void workAvailable();

    /**
     * A place in this node's worker for a debate being started here, held until it is {@linkplain Slot#run run}
     * or {@linkplain Slot#giveBack given back}; empty when the worker is full or not running. The starting
     * transaction claims the debate for {@link Slot#owner()} ({@link WorkLeases#grant}), so it runs here at once
     * without a claim round trip.
     */
    default Optional<Slot> reserveSlot() {
        return Optional.empty();
    }

    /** A reserved place in the worker: exactly one of {@link #run} and {@link #giveBack} is called, once. */
    interface Slot {
        String owner();

        Duration leaseTtl();

        /** Runs the debate just created under the lease the start transaction granted. */
        void run(WorkLeases.Lease lease, Debate created, @Nullable String traceParent);

        void giveBack();
    }

    /** The owner asked to cancel a debate that may be running here. */
    void cancelRequested(DebateId id);
}
