package com.consultaion.application.service.pipeline;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Ending;
import com.consultaion.domain.event.EventPayload;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.judging.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * What a stage produced, handed to the stores as one unit: rows, the events that describe them, and how the
 * debate ends with it ({@code ending}; null: it goes on to the next stage).
 */
public record StageResult(
        List<Contribution> contributions,
        List<Verdict> verdicts,
        Optional<RankingResult> ranking,
        List<EventPayload> events,
        @Nullable Ending ending) {

    public StageResult {
        contributions = List.copyOf(contributions);
        verdicts = List.copyOf(verdicts);
        events = List.copyOf(events);
    }

    /** The debate goes on after these results. */
    public static StageResult next(
            List<Contribution> contributions,
            List<Verdict> verdicts,
            Optional<RankingResult> ranking,
            List<EventPayload> events) {
        return new StageResult(contributions, verdicts, ranking, events, null);
    }

    /** Only events (perhaps none) and an ending, or none ({@code ending} null). */
    public static StageResult ending(List<EventPayload> events, @Nullable Ending ending) {
        return new StageResult(List.of(), List.of(), Optional.empty(), events, ending);
    }

    /** The stage stopped because the debate was cancelled. */
    public static StageResult cancelled() {
        return ending(List.of(), new Ending.Cancelled());
    }
}
