package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.Transactions;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * A unit of work on one PostgreSQL transaction. JDBI binds the handle to the thread, so every store called
 * inside {@code work} runs on the same connection and commits or rolls back with it.
 */
public final class JdbiTransactions implements Transactions {

    private final Jdbi jdbi;

    public JdbiTransactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return jdbi.inTransaction(handle -> work.get());
    }
}
