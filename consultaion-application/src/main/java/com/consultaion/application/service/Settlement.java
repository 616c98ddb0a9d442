package com.consultaion.application.service;

import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.service.pipeline.DebateState;
import com.consultaion.application.service.pipeline.StageResult;
import com.consultaion.domain.debate.Debate;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * What a debate's commits settle besides its history: the leaderboard record when it completes (rated exactly
 * once, with its completion), the plan's usage when it ends, and, once committed, the board refresh, the log line
 * and the metrics.
 */
final class Settlement {

    private static final System.Logger LOG = System.getLogger(Settlement.class.getName());

    private final LeaderboardService leaderboard;
    private final BillingService billing;
    private final Telemetry telemetry;

    Settlement(LeaderboardService leaderboard, BillingService billing, Telemetry telemetry) {
        this.leaderboard = leaderboard;
        this.billing = billing;
        this.telemetry = telemetry;
    }

    /** Inside the commit, with the row as stored: returns whether the debate was rated. */
    boolean inTransaction(DebateState base, Debate updated, StageResult result, Instant now) {
        boolean rated = leaderboard.record(updated, result.ranking().or(base::ranking), now);
        if (updated.status().isTerminal()) {
            // Last: settling updates the owner's usage counters, whose row locks are held until the commit;
            // every debate of that owner ending at the same time waits for them, so they are taken late.
            DebateState all = base.after(updated, result);
            billing.settle(updated, all.contributions(), all.verdicts());
        }
        return rated;
    }

    /** After the commit: a rated debate refreshes the boards soon; an ending is logged and counted. */
    void committed(Debate from, Debate saved, boolean rated) {
        if (rated) {
            leaderboard.refreshSoon();
        }
        if (saved.status().isTerminal() && !from.status().isTerminal()) {
            LOG.log(
                    Level.INFO,
                    "debate {0} ended: {1}",
                    saved.id(),
                    saved.status().wireName());
            telemetry.debateFinished(
                    saved.mode(), saved.status(), Duration.between(saved.createdAt(), saved.updatedAt()));
        }
    }
}
