package com.consultaion.application.service;

import com.consultaion.application.port.in.CancelDebateUseCase;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.in.RetryDebateUseCase;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.port.out.WorkSignals;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.IllegalTransitionException;
import com.consultaion.domain.event.EventPayload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Use cases: cancel and retry. A queued debate is cancelled at once (with its terminal event); a running one
 * is asked to stop, and its worker — on this node at once, elsewhere within a heartbeat — cancels its in-flight
 * calls and records the cancellation. A failed debate is re-queued and resumes at its first uncommitted stage.
 */
public final class DebateControlService implements CancelDebateUseCase, RetryDebateUseCase {

    private final DebateRepository debates;
    private final DebateEventStore events;
    private final DebateJournal journal;
    private final WorkSignals signals;
    private final Clock clock;
    private final BillingService billing;
    private final Telemetry telemetry;

    public DebateControlService(
            DebateRepository debates,
            DebateEventStore events,
            DebateJournal journal,
            WorkSignals signals,
            Clock clock,
            BillingService billing,
            Telemetry telemetry) {
        this.debates = debates;
        this.events = events;
        this.journal = journal;
        this.signals = signals;
        this.clock = clock;
        this.billing = billing;
        this.telemetry = telemetry;
    }

    @Override
    public Optional<Debate> cancel(DebateId id, Requester requester) {
        Optional<Debate> found = debates.findById(id).filter(requester::canSee);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (!requester.canControl(found.get())) {
            throw new PermissionDenied("only the debate's owner may do this");
        }
        Debate debate = found.get();
        if (debate.status() == DebateStatus.QUEUED) {
            try {
                Instant now = clock.instant();
                Debate saved = journal.change(
                        debate.record(List.of(new EventPayload.DebateCancelled()), now, d -> d.cancel(now)),
                        () -> {},
                        updated -> billing.settle(updated, List.of(), List.of())); // never ran: refunded
                telemetry.debateFinished(
                        saved.mode(), saved.status(), Duration.between(saved.createdAt(), saved.updatedAt()));
                return Optional.of(saved);
            } catch (DebateRepository.ConcurrentUpdateException | DebateEventStore.SequenceException raced) {
                // A worker claimed it meanwhile: fall through and ask that worker to stop.
            }
        }
        Debate current = debates.findById(id).orElseThrow();
        if (current.status().isTerminal()) {
            throw new IllegalTransitionException(current.status(), "cancel");
        }
        debates.requestCancel(id);
        signals.cancelRequested(id);
        return debates.findById(id);
    }

    @Override
    public Optional<Debate> retry(DebateId id, Requester requester) {
        Optional<Debate> found = debates.findById(id).filter(requester::canSee);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (!requester.canControl(found.get())) {
            throw new PermissionDenied("only the debate's owner may do this");
        }
        Debate failed = found.get();
        // The runs so far: one, plus one per earlier retry (each announced by its own debate_retried event). Read
        // before the commit: a retry racing this one writes the same event number, and one of them is refused.
        int run = 2
                + (int) events.readAfter(id, 0, Integer.MAX_VALUE).stream()
                        .filter(e -> e.payload() instanceof EventPayload.DebateRetried)
                        .count();
        Instant now = clock.instant();
        Debate saved = journal.change(failed.record(
                List.of(new EventPayload.DebateRetried(failed.nextStage(), run)), now, d -> d.retry(now)));
        signals.workAvailable();
        return Optional.of(saved);
    }
}
