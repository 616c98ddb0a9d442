package com.consultaion.application.port.out;

import com.consultaion.domain.debate.DebateId;

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

    /** The owner asked to cancel a debate that may be running here. */
    void cancelRequested(DebateId id);
}
