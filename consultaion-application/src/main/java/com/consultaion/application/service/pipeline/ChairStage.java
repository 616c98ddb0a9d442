package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.BudgetPolicy;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateConfigFields;
import com.consultaion.domain.debate.Panel;
import com.consultaion.domain.event.EventPayload;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parliament's verdict: the chair (the first seat's model, then the others' in turn) reads the session and
 * decides. If every chair model fails, the best statement becomes the answer (the judges' top seat when the
 * panel was judged) and the session completes with warnings ({@code chair_failed}).
 */
final class ChairStage implements Stage {

    static final String AGENT = "Chair";
    static final String PHASE = "verdict";
    static final int ROUND = 5;
    private static final int EXCERPT = 400;

    private final int index;
    private final ModelCalls calls;
    private final Clock clock;

    ChairStage(int index, ModelCalls calls, Clock clock) {
        this.index = index;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String name() {
        return PHASE;
    }

    private static ChatRequest request(DebateState state, String model) {
        Panel panel = SeatPhaseStage.panel(state);
        return Prompts.chair(
                model,
                state.debate().prompt().text(),
                panel.seats().stream()
                        .map(s -> s.name() + " (" + s.role().title() + ")")
                        .toList(),
                SeatPhaseStage.transcript(state));
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
        List<EventPayload> events = new ArrayList<>();
        events.add(new EventPayload.RoundStarted(ROUND, PHASE));
        Fallbacks.Outcome chair = Fallbacks.first(
                calls, config.synthesizers(), m -> request(state, m), config.callTimeout(), control, events);
        if (chair.cancelled()) {
            return StageResult.ending(List.of(), new StageResult.Outcome.Cancel());
        }
        DebateState seen = state.noting(events); // this stage's fallbacks belong in its final_meta too
        CallOutcome.Answered answered = chair.answer();
        if (answered != null) {
            String verdict = answered.response().content();
            Contribution row = Calls.contribution(index, ROUND, PHASE, AGENT, answered, clock.instant());
            events.add(Calls.event(ROUND, PHASE, "chair", AGENT, answered));
            List<String> warnings = warnings(state);
            events.add(new EventPayload.Final(
                    verdict,
                    meta(
                            seen,
                            warnings,
                            answered.response().model(),
                            answered.response().provider(),
                            row)));
            StageResult.Outcome end = warnings.isEmpty()
                    ? new StageResult.Outcome.Complete(verdict)
                    : new StageResult.Outcome.CompleteWithWarnings(
                            verdict, warnings.get(0), "see the debate's notices");
            return new StageResult(List.of(row), List.of(), Optional.empty(), events, end);
        }
        String best = SynthesisStage.bestAnswer(state).orElse(null);
        String detail = "every chair model failed: " + String.join("; ", chair.failures());
        events.add(new EventPayload.Notice("warn", detail + ". The best statement is the final answer."));
        List<String> warnings = new ArrayList<>(warnings(state));
        warnings.add(0, "chair_failed");
        events.add(new EventPayload.Final(best, meta(seen, warnings, null, null, null)));
        return StageResult.ending(events, new StageResult.Outcome.CompleteWithWarnings(best, "chair_failed", detail));
    }

    private static List<String> warnings(DebateState state) {
        boolean judged = SeatPhaseStage.panel(state).judged();
        return judged && state.verdicts().stream().noneMatch(v -> v.parsed()) ? List.of("judging_failed") : List.of();
    }

    /** The synthesis meta (ranking, usage, warnings) plus the session: phases with seat excerpts, the panel. */
    private static Map<String, Object> meta(
            DebateState state,
            List<String> warnings,
            @Nullable String model,
            @Nullable String provider,
            @Nullable Contribution verdict) {
        Panel panel = SeatPhaseStage.panel(state);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("engine", "parliament");
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (ParliamentPhase phase : ParliamentPhase.values()) {
            List<Map<String, Object>> seats = new ArrayList<>();
            for (Contribution c : state.contributions()) {
                Panel.Seat seat = panel.seatNamed(c.agent());
                if (c.ok() && seat != null && c.phase().equals(phase.wireName())) {
                    String text = Objects.requireNonNull(c.content());
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("seat_id", seat.id());
                    s.put("seat_name", seat.name());
                    s.put("excerpt", text.length() > EXCERPT ? text.substring(0, EXCERPT) : text);
                    s.put("model", c.model());
                    s.put("provider", c.provider());
                    seats.add(s);
                }
            }
            rounds.add(Map.of("index", phase.round(), "phase", phase.wireName(), "seats", seats));
        }
        meta.put("rounds", rounds);
        meta.put("panel", DebateConfigFields.panelToFields(panel));
        meta.putAll(SynthesisStage.meta(state, warnings, null, null, verdict));
        if (model != null) {
            meta.put("chair", Map.of("model", model, "provider", Objects.requireNonNullElse(provider, "")));
        }
        return meta;
    }
}
