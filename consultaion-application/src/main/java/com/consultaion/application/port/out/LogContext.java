package com.consultaion.application.port.out;

/**
 * Port out: puts a value into the log context of the current thread (for example the debate a worker thread is
 * running), so every line logged until the scope closes carries it. {@link #NONE} does nothing.
 */
public interface LogContext {

    LogContext NONE = (key, value) -> () -> {};

    Scope put(String key, String value);

    /** Ends what {@link #put} started, on the same thread. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
