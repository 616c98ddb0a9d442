package com.consultaion.application.service;

import com.consultaion.application.port.in.CancelDebateUseCase;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.in.RetryDebateUseCase;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.WorkSignals;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.IllegalTransitionException;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import java.time.Clock;
import java.time.Duration;
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
    private final DebateEventBus bus;
    private final Transactions transactions;
    private final WorkSignals signals;
    private final Clock clock;
    private final BillingService billing;
    private final Telemetry telemetry;

    public DebateControlService(
            DebateRepository debates,
            DebateEventStore events,
            DebateEventBus bus,
            Transactions transactions,
            WorkSignals signals,
            Clock clock,
            BillingService billing,
            Telemetry telemetry) {
        this.debates = debates;
        this.events = events;
        this.bus = bus;
        this.transactions = transactions;
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
                Debate cancelled = debate.recordEvents(1).cancel(clock.instant());
                DebateEvent event =
                        new DebateEvent(id, cancelled.lastSeq(), clock.instant(), new EventPayload.DebateCancelled());
                Debate saved = transactions.inTransaction(() -> {
                    events.append(List.of(event));
                    Debate updated = debates.update(cancelled);
                    billing.settle(updated, List.of(), List.of()); // never ran: the reservation is refunded
                    return updated;
                });
                bus.publish(id, saved.lastSeq());
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
        Debate retried = found.get().retry(clock.instant()).recordEvents(1);
        // The runs so far: one, plus one per earlier retry (each announced by its own debate_retried event).
        Debate saved = transactions.inTransaction(() -> {
            int run = 2
                    + (int) events.readAfter(id, 0, Integer.MAX_VALUE).stream()
                            .filter(e -> e.payload() instanceof EventPayload.DebateRetried)
                            .count();
            events.append(List.of(new DebateEvent(
                    id, retried.lastSeq(), clock.instant(), new EventPayload.DebateRetried(retried.nextStage(), run))));
            return debates.update(retried);
        });
        bus.publish(id, saved.lastSeq());
        signals.workAvailable();
        return Optional.of(saved);
    }
}
