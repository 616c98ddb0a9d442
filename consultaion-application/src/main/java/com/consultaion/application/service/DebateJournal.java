package com.consultaion.application.service;

import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.domain.debate.Debate;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one way a debate's history is written: a change recorded on the aggregate ({@link Debate#record}) is
 * committed with its numbered events in one transaction, together with what the caller adds (an audit entry, a
 * lease check, transcript rows, the plan's reservation or settlement), and then announced on the bus. Start,
 * cancel, retry and the runner all write through it.
 */
public final class DebateJournal {

    private final DebateRepository debates;
    private final DebateEventStore events;
    private final DebateEventBus bus;
    private final Transactions transactions;
    private final Duration patience;

    public DebateJournal(
            DebateRepository debates, DebateEventStore events, DebateEventBus bus, Transactions transactions) {
        this(debates, events, bus, transactions, Duration.ZERO);
    }

    private DebateJournal(
            DebateRepository debates,
            DebateEventStore events,
            DebateEventBus bus,
            Transactions transactions,
            Duration patience) {
        this.debates = debates;
        this.events = events;
        this.bus = bus;
        this.transactions = transactions;
        this.patience = patience;
    }

    /**
     * This journal, trying a commit again while the store is unavailable (no connection in time under load, a
     * database restart), with growing pauses, for up to {@code patience}. For the worker: giving up would leave
     * the debate to wait for its lease to expire before anyone resumes it. Safe: a failed transaction wrote
     * nothing, and one that did commit but was reported lost fails its retry on the events' keys. Requests keep
     * no patience: their caller gets the error at once.
     */
    public DebateJournal patient(Duration patience) {
        return new DebateJournal(debates, events, bus, transactions, patience);
    }

    /**
     * A new debate, in one transaction: {@code admit} (the plan's check, which may refuse it by throwing or lower
     * its budget), its row and first events, and {@code alsoInTransaction}; then announced. Returns the debate as
     * admitted and stored.
     */
    public Debate create(Debate.Recorded created, UnaryOperator<Debate> admit, Consumer<Debate> alsoInTransaction) {
        Debate debate = committing(() -> transactions.inTransaction(() -> {
            Debate admitted = admit.apply(created.debate());
            debates.insert(admitted);
            events.append(created.events());
            alsoInTransaction.accept(admitted);
            return admitted;
        }));
        announce(created);
        return debate;
    }

    /**
     * A change to a stored debate, in one transaction: {@code before} (a lease check, transcript rows), the events,
     * the debate row (rejected when it changed meanwhile), and {@code after} with the row as stored (rating,
     * settling); then announced. Returns the debate as stored.
     */
    public Debate change(Debate.Recorded change, Runnable before, Consumer<Debate> after) {
        Debate saved = committing(() -> transactions.inTransaction(() -> {
            before.run();
            if (!change.events().isEmpty()) {
                events.append(change.events());
            }
            Debate updated = debates.update(change.debate());
            after.accept(updated);
            return updated;
        }));
        announce(change);
        return saved;
    }

    /** The same, with nothing else in the transaction. */
    public Debate change(Debate.Recorded change) {
        return change(change, () -> {}, d -> {});
    }

    private void announce(Debate.Recorded change) {
        if (!change.events().isEmpty()) {
            bus.publish(change.debate().id(), change.debate().lastSeq());
        }
    }

    private <T> T committing(Supplier<T> work) {
        return StorePatience.retry(patience, work);
    }
}
