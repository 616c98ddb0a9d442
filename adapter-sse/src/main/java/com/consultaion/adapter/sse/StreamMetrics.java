package com.consultaion.adapter.sse;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of live streams: open now, events delivered, streams ended by the server's limits. */
public final class StreamMetrics {

    private final AtomicLong open = new AtomicLong();
    /** Added to by every subscriber's delivery, from many threads at once. */
    private final LongAdder delivered = new LongAdder();

    private final AtomicLong limited = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    void delivered(int events) {
        delivered.add(events);
    }

    void droppedForLag() {
        dropped.incrementAndGet();
    }

    void endedByLimit() {
        limited.incrementAndGet();
    }

    public long openStreams() {
        return open.get();
    }

    public long eventsDelivered() {
        return delivered.sum();
    }

    public long subscribersDroppedForLag() {
        return dropped.get();
    }

    public long streamsEndedByLimit() {
        return limited.get();
    }
}
