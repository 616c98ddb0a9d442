package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.Ending;
import com.consultaion.domain.debate.Phase;
import com.consultaion.domain.event.EventPayload;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of every stage that concludes a debate (synthesis, a parliament's chair, a conversation's
 * facilitator): one call tried on the synthesiser models in turn (a {@code fallback} event for each switch); its
 * answer ends the debate, with warnings when an earlier part fell short. When every model fails, a fallback
 * answer from the debate so far ends it with warnings, and a notice says so. What differs is named by the
 * subclass.
 */
abstract class ConcludingStage implements Stage {

    private final int index;
    private final ModelCalls calls;
    private final Clock clock;
    private final Phase phase;
    private final String agent;
    private final String role;
    private final String failureReason;

    /**
     * @param phase the conclusion's phase (its row and events)
     * @param agent the row's agent name (Synthesizer, Chair, Facilitator)
     * @param role the message's role
     * @param failureReason the warning when every model failed (synthesis_failed, chair_failed)
     */
    ConcludingStage(
            int index, ModelCalls calls, Clock clock, Phase phase, String agent, String role, String failureReason) {
        this.index = index;
        this.calls = calls;
        this.clock = clock;
        this.phase = phase;
        this.agent = agent;
        this.role = role;
        this.failureReason = failureReason;
    }

    @Override
    public String name() {
        return phase.wireName();
    }

    abstract int round(DebateState state);

    abstract ChatRequest request(DebateState state, String model);

    /** The warnings of a debate that concluded: what fell short before this stage. */
    abstract List<String> warnings(DebateState state);

    /** The answer when every model failed, from the debate so far (null: none): the best candidate by default. */
    @Nullable
    String fallbackAnswer(DebateState state) {
        return Transcripts.bestAnswer(state).orElse(null);
    }

    /** Who failed when every model failed ("every synthesiser failed"). */
    abstract String whoFailed();

    /** What the answer is instead, for the notice ("The best-ranked answer is the final answer."). */
    abstract String instead();

    /** This stage's {@code final_meta}; {@code conclusion} is null when every model failed. */
    abstract Map<String, Object> meta(DebateState state, List<String> warnings, @Nullable Contribution conclusion);

    @Override
    public Planned plan(DebateState state) {
        // Budget for the first model; the others only run when it produced nothing (their prompts are built then).
        ChatRequest first =
                request(state, state.debate().config().synthesizers().get(0));
        return new Planned(Calls.estimate(calls, List.of(first)), control -> run(state, first, control));
    }

    private StageResult run(DebateState state, ChatRequest first, RunControl control) {
        DebateConfig config = state.debate().config();
        int round = round(state);
        List<EventPayload> events = new ArrayList<>();
        events.add(new EventPayload.RoundStarted(round, phase.wireName()));
        Fallbacks.Outcome tried = Fallbacks.first(
                calls,
                config.synthesizers(),
                m -> m.equals(first.model()) ? first : request(state, m),
                config.callTimeout(),
                control,
                events);
        if (tried.cancelled()) {
            return StageResult.cancelled();
        }
        DebateState seen = state.noting(events); // this stage's fallbacks belong in its final_meta too
        CallOutcome.Answered answered = tried.answer();
        if (answered != null) {
            String content = answered.response().content();
            Contribution row = Calls.contribution(index, round, phase, agent, answered, clock.instant());
            events.add(Calls.event(round, phase.wireName(), role, agent, answered));
            List<String> warnings = warnings(state);
            events.add(new EventPayload.Final(content, meta(seen, warnings, row)));
            Ending end = warnings.isEmpty()
                    ? new Ending.Completed(content)
                    : new Ending.CompletedWithWarnings(content, warnings.get(0), "see the debate's notices");
            return new StageResult(List.of(row), List.of(), Optional.empty(), events, end);
        }
        String fallback = fallbackAnswer(state);
        String detail = whoFailed() + ": " + String.join("; ", tried.failures());
        events.add(new EventPayload.Notice("warn", detail + ". " + instead()));
        List<String> warnings = new ArrayList<>(warnings(state));
        warnings.add(0, failureReason);
        events.add(new EventPayload.Final(fallback, meta(seen, warnings, null)));
        return StageResult.ending(events, new Ending.CompletedWithWarnings(fallback, failureReason, detail));
    }
}
