package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.event.EventPayload;
import com.consultaion.domain.judging.Anonymiser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A critique round: each agent that has an answer sees it and the others' answers (labelled, not named) and
 * writes a revision, in parallel. An agent whose revision fails keeps its previous answer.
 */
final class CritiqueStage implements Stage {

    private final int index;
    private final int critiqueRound;
    private final ModelCalls calls;
    private final Clock clock;

    CritiqueStage(int index, int critiqueRound, ModelCalls calls, Clock clock) {
        this.index = index;
        this.critiqueRound = critiqueRound;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "critique-" + critiqueRound;
    }

    private int round() {
        return Transcripts.DRAFT_ROUND + critiqueRound;
    }

    @Override
    public Planned plan(DebateState state) {
        List<AgentSpec> participants = participants(state);
        List<ChatRequest> requests = requests(state, participants);
        return new Planned(Calls.estimate(calls, requests), control -> run(state, participants, requests, control));
    }

    private List<AgentSpec> participants(DebateState state) {
        Map<String, String> candidates = state.candidates();
        return state.debate().config().agents().stream()
                .filter(a -> candidates.containsKey(a.name()))
                .toList();
    }

    private List<ChatRequest> requests(DebateState state, List<AgentSpec> participants) {
        Map<String, String> answers = state.candidates();
        String question = state.debate().prompt().text();
        List<ChatRequest> requests = new ArrayList<>();
        for (AgentSpec agent : participants) {
            List<String> others = answers.keySet().stream()
                    .filter(n -> !n.equals(agent.name()))
                    .toList();
            List<Anonymiser.Labelled> peers =
                    Anonymiser.labelsFor(state.debate().id(), agent.name() + "#critique-" + critiqueRound, others);
            requests.add(Prompts.critique(
                    agent, question, Objects.requireNonNull(answers.get(agent.name())), peers, answers));
        }
        return requests;
    }

    private StageResult run(
            DebateState state, List<AgentSpec> participants, List<ChatRequest> requests, RunControl control) {
        DebateConfig config = state.debate().config();
        List<CallOutcome> outcomes = calls.callAll(requests, config.callTimeout(), control);
        if (control.cancelled() || Calls.anyCancelled(outcomes)) {
            return StageResult.cancelled();
        }
        Instant now = clock.instant();
        List<Contribution> rows = new ArrayList<>();
        List<EventPayload> events = new ArrayList<>();
        events.add(new EventPayload.RoundStarted(round(), Phase.CRITIQUE.wireName()));
        int failed = outcomes.size()
                - Calls.record(
                        index,
                        round(),
                        Phase.CRITIQUE,
                        "revised",
                        participants.stream().map(AgentSpec::name).toList(),
                        outcomes,
                        now,
                        rows,
                        events);
        if (failed > 0) {
            events.add(new EventPayload.Notice(
                    "warn",
                    failed + " of " + participants.size() + " revisions failed in critique round " + critiqueRound
                            + "; those agents keep their previous answer"));
        }
        return StageResult.next(rows, List.of(), Optional.empty(), events);
    }
}
