package com.consultaion.application.service.pipeline;

import com.consultaion.application.port.out.ChatRequest;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Ending;
import com.consultaion.domain.debate.Panel;
import com.consultaion.domain.debate.SeatReply;
import com.consultaion.domain.event.EventPayload;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One parliament phase: every seat speaks in parallel, having read the statements of the earlier phases. A
 * seat's reply is read as structured JSON, or kept as written when it is not (the event says which). After the
 * phase the panel's failure tolerance decides whether the session goes on.
 */
final class SeatPhaseStage implements Stage {

    static final String FAILURE_REASON = "seat_failure_threshold_exceeded";

    private final int index;
    private final ParliamentPhase phase;
    private final ModelCalls calls;
    private final Clock clock;

    SeatPhaseStage(int index, ParliamentPhase phase, ModelCalls calls, Clock clock) {
        this.index = index;
        this.phase = phase;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String name() {
        return phase.wireName();
    }

    private List<ChatRequest> requests(DebateState state) {
        String question = state.debate().prompt().text();
        List<Prompts.Statement> before = Transcripts.seatStatements(state);
        return Transcripts.panel(state).seats().stream()
                .map(seat -> Prompts.seat(seat, question, phase, before))
                .toList();
    }

    @Override
    public Planned plan(DebateState state) {
        List<ChatRequest> requests = requests(state);
        return new Planned(Calls.estimate(calls, requests), control -> run(state, requests, control));
    }

    private StageResult run(DebateState state, List<ChatRequest> requests, RunControl control) {
        Panel panel = Transcripts.panel(state);
        List<CallOutcome> outcomes =
                calls.callAll(requests, state.debate().config().callTimeout(), control);
        if (control.cancelled() || Calls.anyCancelled(outcomes)) {
            return StageResult.cancelled();
        }
        Instant now = clock.instant();
        List<Contribution> rows = new ArrayList<>();
        List<EventPayload> events = new ArrayList<>();
        events.add(new EventPayload.RoundStarted(phase.round(), phase.wireName()));
        int answered = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            Panel.Seat seat = panel.seats().get(i);
            switch (outcomes.get(i)) {
                case CallOutcome.Answered a -> {
                    answered++;
                    Calls.fallback(a).ifPresent(events::add);
                    SeatReply reply = SeatReply.parse(a.response().content());
                    rows.add(Contribution.answered(
                            index,
                            phase.round(),
                            phase.phase(),
                            seat.name(),
                            a.response().model(),
                            a.response().provider(),
                            reply.content(),
                            a.response().usage(),
                            now));
                    events.add(new EventPayload.SeatMessage(
                            phase.round(),
                            phase.wireName(),
                            seat.id(),
                            seat.name(),
                            seat.role().wireName(),
                            a.response().model(),
                            a.response().provider(),
                            reply.content(),
                            reply.stance(),
                            reply.reasoning(),
                            reply.structured(),
                            Calls.usage(a.response().usage())));
                }
                case CallOutcome.Failed f -> {
                    rows.add(Calls.contribution(index, phase.round(), phase.phase(), seat.name(), f, now));
                    events.add(Calls.event(phase.round(), phase.wireName(), "seat", seat.name(), f));
                }
            }
        }
        int total = panel.seats().size();
        if (answered == 0 || (!panel.holds(answered) && panel.failFast())) {
            String detail = answered + " of " + total + " seats answered in the " + phase.wireName()
                    + " phase; at least " + panel.minRequiredSeats() + " and a failure ratio of at most "
                    + panel.maxSeatFailRatio() + " are required";
            events.add(new EventPayload.DebateFailed(FAILURE_REASON, detail));
            return new StageResult(
                    rows, List.of(), Optional.empty(), events, new Ending.Failed(FAILURE_REASON, detail));
        }
        if (answered < total) {
            events.add(new EventPayload.Notice(
                    "warn",
                    (total - answered) + " of " + total + " seats failed in the " + phase.wireName()
                            + " phase; the session goes on without them"));
        }
        return StageResult.next(rows, List.of(), Optional.empty(), events);
    }
}
