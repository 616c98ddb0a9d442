package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.Consultaion;
import com.consultaion.application.port.out.DebateEventBus;
import org.jdbi.v3.core.Jdbi;

/** Every store port on PostgreSQL through one {@link Jdbi}, with the event bus the caller chooses. */
public final class JdbiStores {

    private JdbiStores() {}

    public static Consultaion.StoreSet create(Jdbi jdbi, DebateEventBus bus) {
        return new Consultaion.StoreSet(
                new JdbiDebateRepository(jdbi),
                new JdbiTranscriptRepository(jdbi),
                new JdbiDebateEventStore(jdbi),
                bus,
                new JdbiTransactions(jdbi),
                new JdbiWorkLeases(jdbi));
    }
}
