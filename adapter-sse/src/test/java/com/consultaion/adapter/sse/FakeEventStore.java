package com.consultaion.adapter.sse;

import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.in.Requester;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The event store behind the query port, for one debate: a list of events and a count of reads. */
final class FakeEventStore implements ReadDebateEventsQuery {

    private final DebateId id;
    private final List<DebateEvent> events = new ArrayList<>();
    final AtomicInteger reads = new AtomicInteger();
    /** How many of the next reads fail as if the database were unavailable. */
    final AtomicInteger failing = new AtomicInteger();

    FakeEventStore(DebateId id) {
        this.id = id;
    }

    /** Commits events up to {@code seq}. */
    synchronized void appendUpTo(long seq) {
        for (long s = events.size() + 1; s <= seq; s++) {
            events.add(new DebateEvent(id, s, Instant.EPOCH, new EventPayload.Notice("info", "event " + s)));
        }
    }

    @Override
    public synchronized Optional<List<DebateEvent>> readAfter(
            DebateId debate, Requester requester, long afterSeq, int limit) {
        reads.incrementAndGet();
        if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("the store is unavailable");
        }
        int from = (int) Math.min(afterSeq, events.size());
        return Optional.of(List.copyOf(events.subList(from, Math.min(events.size(), from + limit))));
    }

    static List<Long> range(long fromInclusive, long toInclusive) {
        List<Long> out = new ArrayList<>();
        for (long s = fromInclusive; s <= toInclusive; s++) {
            out.add(s);
        }
        return out;
    }
}
