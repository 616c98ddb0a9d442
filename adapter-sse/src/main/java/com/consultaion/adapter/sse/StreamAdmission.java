package com.consultaion.adapter.sse;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission of stream opens. Opening a stream costs several store reads (credentials, rate limit, access, the
 * debate); a reconnect storm — thousands of clients coming back after a node restart — would otherwise take
 * every database connection at once, so that opens fail when the pool's wait runs out and running debates wait
 * behind them. At most {@code concurrency} opens are handled at a time; the others wait their turn in arrival
 * order, up to {@code queueTimeout}. When {@code queueLimit} opens are already waiting, a new one is refused at
 * once. A stream that is open holds no permit: only the open is gated.
 */
public final class StreamAdmission {

    /** Defaults: 8 opens at a time (of a pool of 20), 20,000 waiting, 30 s of patience. */
    public static final StreamAdmission DEFAULTS = new StreamAdmission(8, 20_000, Duration.ofSeconds(30));

    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    private final int concurrency;
    private final int queueLimit;
    private final Duration queueTimeout;

    public StreamAdmission(int concurrency, int queueLimit, Duration queueTimeout) {
        if (concurrency < 1 || queueLimit < 0 || queueTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "stream admission: concurrency must be at least 1, queue limit and timeout not negative");
        }
        this.permits = new Semaphore(concurrency, true);
        this.concurrency = concurrency;
        this.queueLimit = queueLimit;
        this.queueTimeout = queueTimeout;
    }

    /** A permit to hand back with {@link #release()}, or refused: the queue is full, or the wait ran out. */
    public boolean enter() throws InterruptedException {
        if (permits.tryAcquire()) {
            return true;
        }
        if (waiting.incrementAndGet() > queueLimit) {
            waiting.decrementAndGet();
            refused.incrementAndGet();
            return false;
        }
        try {
            boolean admitted = permits.tryAcquire(queueTimeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!admitted) {
                refused.incrementAndGet();
            }
            return admitted;
        } finally {
            waiting.decrementAndGet();
        }
    }

    public void release() {
        permits.release();
    }

    /** Opens being handled now. */
    public int inProgress() {
        return concurrency - permits.availablePermits();
    }

    /** Opens waiting for their turn. */
    public int waiting() {
        return waiting.get();
    }

    /** Opens refused since start (queue full or wait ran out). */
    public long refused() {
        return refused.get();
    }

    public int concurrency() {
        return concurrency;
    }

    /** Seconds a refused client should wait before trying again. */
    long retryAfterSeconds() {
        return Math.max(1, Math.min(30, queueTimeout.toSeconds() / 10));
    }
}
