package com.consultaion.application.service;

import com.consultaion.application.port.in.StartDebateCommand;
import com.consultaion.application.port.in.StartDebateUseCase;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.WorkSignals;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.JudgeSpec;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Use case: a new debate is stored as queued together with its first event ({@code debate_created}, seq 1) in
 * one transaction, announced, and handed to the worker.
 */
public final class StartDebateService implements StartDebateUseCase {

    private final DebateRepository debates;
    private final DebateEventStore events;
    private final DebateEventBus bus;
    private final Transactions transactions;
    private final WorkSignals signals;
    private final Clock clock;
    private final Supplier<DebateId> ids;

    public StartDebateService(
            DebateRepository debates,
            DebateEventStore events,
            DebateEventBus bus,
            Transactions transactions,
            WorkSignals signals,
            Clock clock,
            Supplier<DebateId> ids) {
        this.debates = debates;
        this.events = events;
        this.bus = bus;
        this.transactions = transactions;
        this.signals = signals;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public Debate start(StartDebateCommand command) {
        if (command.mode() != DebateMode.DEBATE) {
            throw ValidationException.of(
                    "mode",
                    "mode.unsupported",
                    "mode " + command.mode().wireName() + " is not available yet; use debate");
        }
        Debate debate = Debate.create(
                ids.get(),
                command.requester().user().orElse(null),
                command.prompt(),
                command.mode(),
                command.config(),
                clock.instant());
        EventPayload created = new EventPayload.DebateCreated(
                debate.mode().wireName(),
                debate.config().agents().stream().map(AgentSpec::name).toList(),
                debate.config().judges().stream().map(JudgeSpec::name).toList());
        Debate recorded = debate.recordEvents(1);
        DebateEvent first = new DebateEvent(debate.id(), 1, debate.createdAt(), created);
        transactions.run(() -> {
            debates.insert(recorded);
            events.append(List.of(first));
        });
        bus.publish(debate.id(), 1);
        signals.workAvailable();
        return recorded;
    }
}
