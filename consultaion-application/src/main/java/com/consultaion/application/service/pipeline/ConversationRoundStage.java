package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.BudgetPolicy;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.Ending;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.event.EventPayload;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One conversation round: the delegates speak in parallel, each having read everything said before and the
 * scribe's earlier summaries; then the scribe summarises the round ({@code conversation_summary}). A round does
 * not start once the conversation has spent its token ceiling: it then commits nothing but a notice (once),
 * and the facilitator concludes.
 */
final class ConversationRoundStage implements Stage {

    private final int index;
    private final int round;
    private final ModelCalls calls;
    private final Clock clock;

    ConversationRoundStage(int index, int round, ModelCalls calls, Clock clock) {
        this.index = index;
        this.round = round;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "round-" + round;
    }

    private List<ChatRequest> requests(DebateState state) {
        String question = state.debate().prompt().text();
        List<Prompts.Statement> before = Transcripts.conversation(state);
        return state.debate().config().agents().stream()
                .map(a -> Prompts.delegate(a, question, round, before))
                .toList();
    }

    @Override
    public Planned plan(DebateState state) {
        if (Transcripts.ceilingReached(state)) {
            return new Planned(new BudgetPolicy.Estimate(0, 0), control -> run(state, List.of(), control));
        }
        List<ChatRequest> requests = requests(state);
        List<ChatRequest> all = new ArrayList<>(requests);
        // The scribe's prompt depends on this round's turns, so its estimate stands in for it (built again after).
        all.add(Prompts.scribe(
                state.debate().config().synthesizers().get(0),
                state.debate().prompt().text(),
                round,
                Transcripts.conversation(state)));
        return new Planned(Calls.estimate(calls, all), control -> run(state, requests, control));
    }

    private StageResult run(DebateState state, List<ChatRequest> requests, RunControl control) {
        DebateConfig config = state.debate().config();
        if (Transcripts.ceilingReached(state)) {
            List<EventPayload> events = new ArrayList<>();
            if (Transcripts.roundsRun(state) == round - 1) { // the first round skipped says why; later ones stay silent
                events.add(new EventPayload.Notice(
                        "info",
                        "the conversation reached its token ceiling ("
                                + state.spent().totalTokens() + " of "
                                + config.conversation().maxTotalTokens() + " tokens) after " + (round - 1)
                                + " round(s); the facilitator concludes"));
            }
            return StageResult.next(List.of(), List.of(), Optional.empty(), events);
        }
        List<CallOutcome> outcomes = calls.callAll(requests, config.callTimeout(), control);
        if (control.cancelled() || Calls.anyCancelled(outcomes)) {
            return StageResult.cancelled();
        }
        Instant now = clock.instant();
        List<Contribution> rows = new ArrayList<>();
        List<EventPayload> events = new ArrayList<>();
        events.add(new EventPayload.RoundStarted(round, Phase.DISCUSSION.wireName()));
        int answered = Calls.record(
                index,
                round,
                Phase.DISCUSSION,
                "delegate",
                config.agents().stream().map(AgentSpec::name).toList(),
                outcomes,
                now,
                rows,
                events);
        int total = config.agents().size();
        if (!config.tolerance().holds(answered, total)) {
            String detail = answered + " of " + total + " delegates answered in round " + round + "; at least "
                    + Math.min(config.tolerance().minAgents(), total) + " and a failure ratio of at most "
                    + config.tolerance().maxFailureRatio() + " are required";
            events.add(new EventPayload.DebateFailed("quorum_lost", detail));
            return new StageResult(rows, List.of(), Optional.empty(), events, new Ending.Failed("quorum_lost", detail));
        }
        if (answered < total) {
            events.add(new EventPayload.Notice(
                    "warn", (total - answered) + " of " + total + " delegates failed in round " + round));
        }
        List<Prompts.Statement> said = new ArrayList<>();
        for (Contribution c : rows) {
            if (c.ok()) {
                said.add(new Prompts.Statement(c.agent(), "round " + round, Objects.requireNonNull(c.content())));
            }
        }
        String question = state.debate().prompt().text();
        Fallbacks.Outcome scribe = Fallbacks.first(
                calls,
                config.synthesizers(),
                m -> Prompts.scribe(m, question, round, said),
                config.callTimeout(),
                control,
                events);
        if (scribe.cancelled()) {
            return StageResult.cancelled();
        }
        CallOutcome.Answered summary = scribe.answer();
        if (summary != null) {
            rows.add(Calls.contribution(index, round, Phase.SUMMARY, Transcripts.SCRIBE, summary, clock.instant()));
            events.add(new EventPayload.ConversationSummary(
                    round, summary.response().content()));
        } else {
            events.add(new EventPayload.Notice(
                    "warn",
                    "no summary of round " + round + ": every scribe model failed ("
                            + String.join("; ", scribe.failures()) + ")"));
        }
        return StageResult.next(rows, List.of(), Optional.empty(), events);
    }
}
