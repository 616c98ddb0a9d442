package com.consultaion.application.service.pipeline;

import com.consultaion.domain.debate.BudgetPolicy;

/** One step of a debate whose results are committed together: a checkpoint. */
public interface Stage {

    /** Stable name (draft, critique-1, judge, synthesis) for logs and events. */
    String name();

    /** What this stage is expected to spend, checked against the budget before it runs. */
    BudgetPolicy.Estimate estimate(DebateState state);

    /** Runs the stage's model calls and returns what to commit. Must not write to any store. */
    StageResult run(DebateState state, RunControl control);
}
