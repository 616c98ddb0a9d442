package com.consultaion.application.service.pipeline;

import com.consultaion.domain.debate.BudgetPolicy;
import java.util.function.Function;

/** One step of a debate whose results are committed together: a checkpoint. */
public interface Stage {

    /** Stable name (draft, critique-1, judge, synthesis) for logs and events. */
    String name();

    /**
     * This stage's calls for {@code state}, with their prompts built once: the runner checks what they are expected
     * to spend against the budget, then runs exactly those calls.
     */
    Planned plan(DebateState state);

    /** A stage's calls, prepared: their estimate, and how to run them (no store is written). */
    record Planned(BudgetPolicy.Estimate estimate, Function<RunControl, StageResult> runner) {

        /** Runs the stage's model calls and returns what to commit. */
        public StageResult run(RunControl control) {
            return runner.apply(control);
        }
    }
}
