package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.BudgetPolicy;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.event.EventPayload;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The conversation's synthesis: the facilitator (the synthesiser models in turn) reads the whole conversation.
 * If every model fails, the last summary (or the last turn) becomes the answer, with warnings.
 */
final class FacilitatorStage implements Stage {

    static final String AGENT = "Facilitator";
    static final String PHASE = "facilitation";

    private final int index;
    private final ModelCalls calls;
    private final Clock clock;

    FacilitatorStage(int index, ModelCalls calls, Clock clock) {
        this.index = index;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String name() {
        return PHASE;
    }

    private static ChatRequest request(DebateState state, String model) {
        return Prompts.facilitator(model, state.debate().prompt().text(), ConversationRoundStage.transcript(state));
    }

    private static int round(DebateState state) {
        return state.debate().config().conversation().rounds() + 1;
    }

    @Override
    public BudgetPolicy.Estimate estimate(DebateState state) {
        return Calls.estimate(
                calls,
                List.of(request(state, state.debate().config().synthesizers().get(0))));
    }

    @Override
    public StageResult run(DebateState state, RunControl control) {
        DebateConfig config = state.debate().config();
        int round = round(state);
        List<EventPayload> events = new ArrayList<>();
        events.add(new EventPayload.RoundStarted(round, PHASE));
        Fallbacks.Outcome facilitator = Fallbacks.first(
                calls, config.synthesizers(), m -> request(state, m), config.callTimeout(), control, events);
        if (facilitator.cancelled()) {
            return StageResult.ending(List.of(), new StageResult.Outcome.Cancel());
        }
        DebateState seen = state.noting(events); // this stage's fallbacks belong in its final_meta too
        CallOutcome.Answered answered = facilitator.answer();
        if (answered != null) {
            String synthesis = answered.response().content();
            Contribution row = Calls.contribution(index, round, PHASE, AGENT, answered, clock.instant());
            events.add(Calls.event(round, PHASE, "facilitator", AGENT, answered));
            events.add(new EventPayload.Final(synthesis, meta(seen, List.of(), row)));
            return new StageResult(
                    List.of(row), List.of(), Optional.empty(), events, new StageResult.Outcome.Complete(synthesis));
        }
        List<Prompts.Statement> said = ConversationRoundStage.transcript(state);
        String last = said.isEmpty() ? null : said.get(said.size() - 1).content();
        String detail = "every facilitator model failed: " + String.join("; ", facilitator.failures());
        events.add(new EventPayload.Notice("warn", detail + ". The last summary is the final answer."));
        events.add(new EventPayload.Final(last, meta(seen, List.of("synthesis_failed"), null)));
        return StageResult.ending(
                events, new StageResult.Outcome.CompleteWithWarnings(last, "synthesis_failed", detail));
    }

    private static Map<String, Object> meta(
            DebateState state, List<String> warnings, @Nullable Contribution synthesis) {
        int configured = state.debate().config().conversation().rounds();
        int run = ConversationRoundStage.roundsRun(state);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("mode", "conversation");
        meta.put("rounds", run);
        meta.put("transcript_count", ConversationRoundStage.transcript(state).size());
        meta.put("truncated", run < configured);
        meta.put("truncate_reason", run < configured ? "token_ceiling" : null);
        meta.putAll(SynthesisStage.meta(state, warnings, null, null, synthesis));
        if (synthesis != null) {
            meta.put(
                    "facilitator",
                    Map.of("model", synthesis.model(), "provider", Objects.requireNonNull(synthesis.provider())));
        }
        return meta;
    }
}
