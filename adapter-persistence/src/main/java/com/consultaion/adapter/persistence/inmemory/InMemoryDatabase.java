package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.Transactions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The shared state behind every in-memory store, and their unit of work. Writes take the write lock and, inside
 * a transaction, record how to undo themselves; a transaction that throws is rolled back by replaying the undo
 * journal. Reads take the read lock, so they never see a transaction's uncommitted writes.
 */
public final class InMemoryDatabase implements Transactions {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // Per instance on purpose: two in-memory databases used on one thread keep separate transactions.
    @SuppressWarnings("ThreadLocalUsage")
    private final ThreadLocal<Deque<Runnable>> journal = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (journal.get() != null) {
            return work.get(); // nested: joins the outer unit of work
        }
        lock.writeLock().lock();
        Deque<Runnable> undo = new ArrayDeque<>();
        journal.set(undo);
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            throw e;
        } finally {
            journal.remove();
            lock.writeLock().unlock();
        }
    }

    /**
     * Runs a mutation under the write lock. The mutation returns how to revert itself, which the enclosing
     * transaction (if any) replays when it fails.
     */
    void write(Supplier<Runnable> mutation) {
        lock.writeLock().lock();
        try {
            Runnable undo = mutation.get();
            Deque<Runnable> current = journal.get();
            if (current != null) {
                current.push(undo);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    <T> T read(Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
