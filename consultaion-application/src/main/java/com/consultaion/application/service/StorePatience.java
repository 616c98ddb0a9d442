package com.consultaion.application.service;

import com.consultaion.application.port.out.StorageUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Supplier;

/** Runs store work again while the store is unavailable, with growing pauses (50 ms to 1 s), for a while. */
final class StorePatience {

    private static final System.Logger LOG = System.getLogger(StorePatience.class.getName());

    private StorePatience() {}

    /** Runs {@code work}; while it throws {@link StorageUnavailableException}, again, for up to {@code patience}. */
    static <T> T retry(Duration patience, Supplier<T> work) {
        long pauseMillis = 50;
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return work.get();
            } catch (StorageUnavailableException e) {
                if (System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
                    throw e;
                }
                LOG.log(Level.DEBUG, "store unavailable; retrying in {0} ms: {1}", pauseMillis, e.getMessage());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(1_000, pauseMillis * 2);
            }
        }
    }
}
