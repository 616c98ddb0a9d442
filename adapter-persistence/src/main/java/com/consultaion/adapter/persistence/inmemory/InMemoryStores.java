package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.Consultaion;

/** Every store port in memory, sharing one {@link InMemoryDatabase}: for tests and embedded use. */
public final class InMemoryStores {

    private InMemoryStores() {}

    public static Consultaion.StoreSet create() {
        InMemoryDatabase db = new InMemoryDatabase();
        InMemoryDebateRepository debates = new InMemoryDebateRepository(db);
        return new Consultaion.StoreSet(
                debates,
                new InMemoryTranscriptRepository(db),
                new InMemoryDebateEventStore(db),
                new InMemoryDebateEventBus(),
                db,
                new InMemoryWorkLeases(debates));
    }
}
