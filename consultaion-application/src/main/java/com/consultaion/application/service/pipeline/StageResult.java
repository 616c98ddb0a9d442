package com.consultaion.application.service.pipeline;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.event.EventPayload;
import com.consultaion.domain.judging.RankingResult;
import com.consultaion.domain.judging.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * What a stage produced, handed to the stores as one unit: rows, the events that describe them, and whether
 * the debate goes on or ends (and how).
 */
public record StageResult(
        List<Contribution> contributions,
        List<Verdict> verdicts,
        Optional<RankingResult> ranking,
        List<EventPayload> events,
        Outcome outcome) {

    public StageResult {
        contributions = List.copyOf(contributions);
        verdicts = List.copyOf(verdicts);
        events = List.copyOf(events);
    }

    public static StageResult ending(List<EventPayload> events, Outcome outcome) {
        return new StageResult(List.of(), List.of(), Optional.empty(), events, outcome);
    }

    /** How the debate continues after this stage. */
    public sealed interface Outcome {
        record Continue() implements Outcome {}

        record Complete(String content) implements Outcome {}

        record CompleteWithWarnings(
                @Nullable String content,
                String reason,
                @Nullable String detail) implements Outcome {}

        record Fail(String reason, @Nullable String detail) implements Outcome {}

        record Cancel() implements Outcome {}
    }
}
