package com.consultaion.application.port.in;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Admission control for a burst of requests that each need several store round trips: starting debates, opening
 * live streams. Without it a burst — a thousand clients starting debates at once, thousands reconnecting after a
 * node restart — takes every database connection at once, requests fail when the pool's wait runs out, and the
 * running debates' commits wait behind them. At most {@code concurrency} are handled at a time; the others wait
 * their turn in arrival order, up to {@code queueTimeout}. When {@code queueLimit} are already waiting, a new one
 * is refused at once. Callers map a refusal to 503 with {@link #retryAfterSeconds()}.
 */
public final class Admission {

    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final int concurrency;
    private final int queueLimit;
    private final Duration queueTimeout;

    public Admission(int concurrency, int queueLimit, Duration queueTimeout) {
        if (concurrency < 1 || queueLimit < 0 || queueTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "admission: concurrency must be at least 1, queue limit and timeout not negative");
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

    /** Runs {@code work} holding a permit, or answers {@code whenRefused} when none could be had. */
    public <T> T admit(Supplier<T> work, Supplier<T> whenRefused) throws InterruptedException {
        if (!enter()) {
            return whenRefused.get();
        }
        try {
            return work.get();
        } finally {
            release();
        }
    }

    /** Requests being handled now. */
    public int inProgress() {
        return concurrency - permits.availablePermits();
    }

    /** Requests waiting for their turn. */
    public int waiting() {
        return waiting.get();
    }

    /** Requests refused since start (queue full or wait ran out). */
    public long refused() {
        return refused.get();
    }

    public int concurrency() {
        return concurrency;
    }

    /** Seconds a refused client should wait before trying again. */
    public long retryAfterSeconds() {
        return Math.max(1, Math.min(30, queueTimeout.toSeconds() / 10));
    }
}
