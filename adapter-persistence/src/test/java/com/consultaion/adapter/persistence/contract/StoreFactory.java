package com.consultaion.adapter.persistence.contract;

import com.consultaion.adapter.persistence.TestPostgres;
import com.consultaion.adapter.persistence.inmemory.InMemoryDebateEventBus;
import com.consultaion.adapter.persistence.inmemory.InMemoryStores;
import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.application.Consultaion;

/** The two implementations every store contract runs against. */
enum StoreFactory {
    IN_MEMORY {
        @Override
        Consultaion.StoreSet create() {
            return InMemoryStores.create();
        }
    },
    POSTGRES {
        @Override
        Consultaion.StoreSet create() {
            TestPostgres.clean();
            return JdbiStores.create(TestPostgres.jdbi(), new InMemoryDebateEventBus());
        }
    };

    abstract Consultaion.StoreSet create();
}
