package com.consultaion.adapter.persistence.contract;

import com.consultaion.adapter.persistence.PersistenceStores;
import com.consultaion.adapter.persistence.TestPostgres;
import com.consultaion.adapter.persistence.inmemory.InMemoryDebateEventBus;
import com.consultaion.adapter.persistence.inmemory.InMemoryStores;
import com.consultaion.adapter.persistence.jdbi.JdbiStores;

/** The two implementations every store contract runs against. */
enum StoreFactory {
    IN_MEMORY {
        @Override
        PersistenceStores create() {
            return InMemoryStores.create();
        }
    },
    POSTGRES {
        @Override
        PersistenceStores create() {
            TestPostgres.clean();
            return JdbiStores.create(TestPostgres.jdbi(), new InMemoryDebateEventBus());
        }
    };

    abstract PersistenceStores create();
}
