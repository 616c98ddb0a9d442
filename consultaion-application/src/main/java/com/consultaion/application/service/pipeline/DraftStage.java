package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.Ending;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.event.EventPayload;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Stage 1: every agent answers the question in parallel. The debate fails if the quorum does not answer. */
final class DraftStage implements Stage {

    private static final int ROUND = Transcripts.DRAFT_ROUND;

    private final int index;
    private final ModelCalls calls;
    private final Clock clock;

    DraftStage(int index, ModelCalls calls, Clock clock) {
        this.index = index;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String name() {
        return Phase.DRAFT.wireName();
    }

    @Override
    public Planned plan(DebateState state) {
        List<ChatRequest> requests = requests(state);
        return new Planned(Calls.estimate(calls, requests), control -> run(state, requests, control));
    }

    private List<ChatRequest> requests(DebateState state) {
        String question = state.debate().prompt().text();
        return state.debate().config().agents().stream()
                .map(a -> Prompts.draft(a, question))
                .toList();
    }

    private StageResult run(DebateState state, List<ChatRequest> requests, RunControl control) {
        DebateConfig config = state.debate().config();
        List<CallOutcome> outcomes = calls.callAll(requests, config.callTimeout(), control);
        if (control.cancelled() || Calls.anyCancelled(outcomes)) {
            return StageResult.cancelled();
        }
        Instant now = clock.instant();
        List<Contribution> rows = new ArrayList<>();
        List<EventPayload> events = new ArrayList<>();
        events.add(new EventPayload.RoundStarted(ROUND, Phase.DRAFT.wireName()));
        int answered = Calls.record(
                index,
                ROUND,
                Phase.DRAFT,
                "candidate",
                config.agents().stream().map(AgentSpec::name).toList(),
                outcomes,
                now,
                rows,
                events);
        int total = config.agents().size();
        if (!config.tolerance().holds(answered, total)) {
            String detail = answered + " of " + total + " agents answered; at least "
                    + Math.min(config.tolerance().minAgents(), total) + " and a failure ratio of at most "
                    + config.tolerance().maxFailureRatio() + " are required";
            events.add(new EventPayload.DebateFailed("quorum_lost", detail));
            return new StageResult(rows, List.of(), Optional.empty(), events, new Ending.Failed("quorum_lost", detail));
        }
        if (answered < total) {
            events.add(new EventPayload.Notice(
                    "warn",
                    (total - answered) + " of " + total
                            + " agents failed during drafting; the debate goes on without them"));
        }
        return StageResult.next(rows, List.of(), Optional.empty(), events);
    }
}
