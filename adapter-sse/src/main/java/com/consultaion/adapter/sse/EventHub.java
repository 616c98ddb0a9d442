package com.consultaion.adapter.sse;

import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.in.Requester;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.event.DebateEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's shared window onto each followed debate's recent events. When a signal arrives, the first
 * subscriber to read loads the new events from the store once; every other subscriber of that debate is served
 * from memory. A subscriber that is further behind than the window reads from the store itself. Without it,
 * every event would cost one store read per subscriber. Access is checked when a stream opens; reads here are
 * on behalf of the system.
 */
final class EventHub {

    static final int WINDOW = 512;

    private final ReadDebateEventsQuery events;
    private final io.micronaut.json.JsonMapper json;
    private final Map<DebateId, Window> windows = new ConcurrentHashMap<>();

    EventHub(ReadDebateEventsQuery events, io.micronaut.json.JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    /** An event with its SSE frame, encoded once however many subscribers receive it (never compared). */
    @SuppressWarnings("ArrayRecordComponent")
    record Encoded(long seq, boolean terminal, byte[] frame) {}

    private static final class Window {
        final ConcurrentSkipListMap<Long, Encoded> recent = new ConcurrentSkipListMap<>();
        /** The store read under way, if any: readers that need newer events wait for it together. */
        final AtomicReference<Load> inflight = new AtomicReference<>();

        volatile long loadedUpTo;
        /** When the latest finished store read began: a reader that arrived before it gains nothing by reading again. */
        volatile long lastLoadStarted;

        volatile boolean loadedOnce;

        int subscribers;
    }

    private record Load(long started, CompletableFuture<Void> done) {}

    void join(DebateId id) {
        windows.compute(id, (k, w) -> {
            Window window = w == null ? new Window() : w;
            window.subscribers++;
            return window;
        });
    }

    void leave(DebateId id) {
        windows.computeIfPresent(id, (k, w) -> --w.subscribers <= 0 ? null : w);
    }

    /** Up to {@code limit} events after {@code afterSeq}, from the window when it holds them, else from the store. */
    List<Encoded> readAfter(DebateId id, long afterSeq, int limit) {
        return readAfter(id, afterSeq, limit, 0);
    }

    /**
     * The same, for a reader that also accepts the answer of a store read that began up to {@code toleranceNanos}
     * before it arrived: the heartbeats' safety-net reads, which would otherwise cost one store read each.
     */
    List<Encoded> readAfter(DebateId id, long afterSeq, int limit, long toleranceNanos) {
        long arrived = System.nanoTime() - toleranceNanos;
        Window w = windows.get(id);
        if (w == null) {
            return store(id, afterSeq, limit);
        }
        List<Encoded> cached = fromWindow(w, afterSeq, limit);
        if (!cached.isEmpty()) {
            return cached;
        }
        if (afterSeq < w.loadedUpTo && !w.recent.isEmpty() && afterSeq + 1 < w.recent.firstKey()) {
            return store(id, afterSeq, limit); // too far behind the window
        }
        for (; ; ) {
            // Read the window's top before the window: events are put in before the top moves, so a top read
            // here is covered by what the window shows next.
            long top = w.loadedUpTo;
            cached = fromWindow(w, afterSeq, limit);
            if (!cached.isEmpty()) {
                return cached;
            }
            if (afterSeq < top) {
                // Behind what the window holds and not served by it (trimmed away, or the window was restarted
                // above this reader): read the store directly rather than wait for a signal that may never come.
                return store(id, afterSeq, limit);
            }
            if (w.loadedOnce && w.lastLoadStarted - arrived >= 0) {
                // A read that began after this request arrived already found nothing newer: a burst of wake-ups
                // costs one store read, not one per subscriber.
                return cached;
            }
            Load current = w.inflight.get();
            if (current != null) {
                // Wait with every other reader for the read under way, then look again (a read that began before
                // this reader arrived may not hold its event, and the loop starts another). All waiters wake
                // together: a lock here would hand the window over one reader at a time.
                current.done().join();
                continue;
            }
            Load mine = new Load(System.nanoTime(), new CompletableFuture<>());
            if (!w.inflight.compareAndSet(null, mine)) {
                continue;
            }
            try {
                return load(w, id, afterSeq, limit, mine);
            } finally {
                w.inflight.set(null);
                mine.done().complete(null);
            }
        }
    }

    /** The one store read of a window at a time; the caller holds {@link Window#inflight}. */
    private List<Encoded> load(Window w, DebateId id, long afterSeq, int limit, Load mine) {
        List<Encoded> cached = fromWindow(w, afterSeq, limit);
        if (!cached.isEmpty()) {
            return cached; // a read that finished meanwhile brought it
        }
        if (afterSeq < w.loadedUpTo) {
            return store(id, afterSeq, limit);
        }
        if (afterSeq > w.loadedUpTo) {
            // This reader is ahead of the window (it caught up from the store itself). The window stays one
            // contiguous run of events ending at loadedUpTo, so it restarts here instead of keeping a gap.
            w.recent.clear();
            w.loadedUpTo = afterSeq;
        }
        List<Encoded> loaded = store(id, afterSeq, Math.max(limit, 200));
        for (Encoded e : loaded) {
            w.recent.put(e.seq(), e);
            w.loadedUpTo = Math.max(w.loadedUpTo, e.seq());
        }
        while (w.recent.size() > WINDOW) {
            w.recent.pollFirstEntry();
        }
        w.lastLoadStarted = mine.started();
        w.loadedOnce = true;
        return loaded.subList(0, Math.min(limit, loaded.size()));
    }

    private static List<Encoded> fromWindow(Window w, long afterSeq, int limit) {
        if (w.recent.isEmpty() || !w.recent.containsKey(afterSeq + 1)) {
            return List.of();
        }
        List<Encoded> out = new ArrayList<>(Math.min(limit, 64));
        for (Encoded e : w.recent.tailMap(afterSeq, false).values()) {
            if (out.size() == limit || e.seq() != afterSeq + 1 + out.size()) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    private List<Encoded> store(DebateId id, long afterSeq, int limit) {
        List<DebateEvent> read = events.readAfter(
                        id, Requester.system(), afterSeq, Math.min(limit, ReadDebateEventsQuery.MAX_LIMIT))
                .orElse(List.of());
        List<Encoded> encoded = new ArrayList<>(read.size());
        for (DebateEvent e : read) {
            try {
                encoded.add(new Encoded(
                        e.seq(),
                        e.terminal(),
                        Frames.event(e.seq(), e.type(), json.writeValueAsString(e.wireFields()))));
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }
        return encoded;
    }
}
