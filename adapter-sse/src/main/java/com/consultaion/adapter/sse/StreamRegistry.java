package com.consultaion.adapter.sse;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streams open on this node, so that shutting down ends them cleanly (the response completes; clients
 * reconnect to another node with Last-Event-ID) instead of cutting connections mid-frame.
 */
public final class StreamRegistry implements AutoCloseable {

    private final Set<Runnable> closers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Registers a stream's closer; false when the node is already shutting down. */
    boolean register(Runnable closer) {
        if (closed) {
            return false;
        }
        closers.add(closer);
        return true;
    }

    void unregister(Runnable closer) {
        closers.remove(closer);
    }

    public int open() {
        return closers.size();
    }

    @Override
    public void close() {
        closed = true;
        closers.forEach(Runnable::run);
        closers.clear();
    }
}
