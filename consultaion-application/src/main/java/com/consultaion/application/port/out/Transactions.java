package com.consultaion.application.port.out;

import java.util.function.Supplier;

/**
 * Port out: a unit of work. Every store call made inside {@code work} commits together or not at all; a nested
 * call joins the outer unit.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
