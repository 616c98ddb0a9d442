package com.consultaion.domain.debate;

import com.consultaion.domain.Violations;

/**
 * How many agents may fail before a debate gives up: at least {@code minAgents} must answer and at most
 * {@code maxFailureRatio} of them may fail.
 */
public record FailureTolerance(int minAgents, double maxFailureRatio) {

    public static final FailureTolerance DEFAULT = new FailureTolerance(2, 0.4);

    public FailureTolerance {
        Violations v = new Violations();
        v.check(
                minAgents >= 1 && minAgents <= DebateConfig.MAX_AGENTS,
                "min_agents",
                "tolerance.min_agents",
                "must be between 1 and " + DebateConfig.MAX_AGENTS);
        v.check(
                Double.isFinite(maxFailureRatio) && maxFailureRatio >= 0 && maxFailureRatio <= 1,
                "max_failure_ratio",
                "tolerance.ratio",
                "must be between 0 and 1");
        v.throwIfAny();
    }

    /** True while enough agents answered for the debate to go on. */
    public boolean holds(int answered, int total) {
        if (total == 0) {
            return false;
        }
        int failed = total - answered;
        return answered >= Math.min(minAgents, total) && (double) failed / total <= maxFailureRatio + 1e-9;
    }
}
