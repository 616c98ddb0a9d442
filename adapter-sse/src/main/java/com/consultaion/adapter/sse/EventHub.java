package com.consultaion.adapter.sse;

import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.LiveText;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.event.DebateEvent;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's shared window onto each followed debate's recent events, and the fan-out of its signals. The hub
 * subscribes to the bus once per followed debate. On a signal, one reader loads the new events from the store
 * once, joins them into one chunk of frames, and offers that same chunk to every follower of the debate that is
 * caught up; a follower that is elsewhere (replaying, or its own reader busy) reads for itself, from the window
 * when it holds the events, else from the store. Without it, every signal would wake one reader per subscriber,
 * and every event would cost one store read per subscriber. Access is checked when a stream opens; reads here
 * are on behalf of the system.
 */
final class EventHub {

    static final int WINDOW = 512;

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final ExecutorService FAN_OUT = Executors.newVirtualThreadPerTaskExecutor();

    private final ReadDebateEventsQuery events;
    private final DebateEventBus bus;
    private final JsonMapper json;
    private final int batch;
    private final Map<DebateId, Window> windows = new ConcurrentHashMap<>();

    /** {@code batch}: the most events one chunk of the fan-out carries. */
    EventHub(ReadDebateEventsQuery events, DebateEventBus bus, JsonMapper json, int batch) {
        this.events = events;
        this.bus = bus;
        this.json = json;
        this.batch = batch;
    }

    /** An event with its SSE frame, encoded once however many subscribers receive it (never compared). */
    @SuppressWarnings("ArrayRecordComponent")
    record Encoded(long seq, boolean terminal, byte[] frame) {}

    /**
     * Consecutive events' frames joined for one write: {@code count} events, the last of them {@code lastSeq}.
     * {@code terminal}: the last of them is a terminal event and the read that gave them was not cut by its limit,
     * so nothing follows it — the stream ends there. A terminal event with more after it (a retried debate's
     * {@code debate_retried} and its new run) does not end the stream. The same array goes to every subscriber it
     * is offered to; never changed. {@code endsOnTerminal}: the last event is terminal, whether or not more may follow.
     */
    @SuppressWarnings("ArrayRecordComponent")
    record Chunk(byte[] bytes, int count, long lastSeq, boolean terminal, boolean endsOnTerminal) {

        static final Chunk EMPTY = new Chunk(new byte[0], 0, -1, false, false);

        /** The events of one read of at most {@code limit}. */
        static Chunk of(List<Encoded> events, int limit) {
            if (events.isEmpty()) {
                return EMPTY;
            }
            int size = 0;
            for (Encoded e : events) {
                size += e.frame().length;
            }
            byte[] bytes = new byte[size];
            int at = 0;
            for (Encoded e : events) {
                System.arraycopy(e.frame(), 0, bytes, at, e.frame().length);
                at += e.frame().length;
            }
            Encoded last = events.get(events.size() - 1);
            return new Chunk(
                    bytes, events.size(), last.seq(), last.terminal() && events.size() < limit, last.terminal());
        }
    }

    /** One subscriber of a debate on this node, as the fan-out sees it. Called from the fan-out's thread. */
    interface Follower {

        /**
         * The debate has events up to {@code seq}. {@code chunkAfter} gives the chunk that follows a seq, read once
         * for every follower offered it in this fan-out; null when that read failed (the follower reads itself).
         */
        void signalled(long seq, LongFunction<Chunk> chunkAfter);

        /** Signals may have been lost (the bus's connection was re-established): read the store afresh. */
        void resync();

        /** A live text frame (no id, never stored): sent now if the follower is caught up, else skipped. */
        void live(byte[] frame);
    }

    private static final class Window {
        final ConcurrentSkipListMap<Long, Encoded> recent = new ConcurrentSkipListMap<>();
        /** The store read under way, if any: readers that need newer events wait for it together. */
        final AtomicReference<Load> inflight = new AtomicReference<>();

        volatile long loadedUpTo;
        /** When the latest finished store read began: a reader that arrived before it gains nothing by reading again. */
        volatile long lastLoadStarted;

        volatile boolean loadedOnce;

        final Set<Follower> followers = ConcurrentHashMap.newKeySet();
        /** The bus subscription of this debate on this node; set when the window is created. */
        DebateEventBus.Subscription subscription;
        /** The same for the debate's live text. */
        DebateEventBus.Subscription liveSubscription;

        /** The highest seq signalled; the fan-out runs on one thread at a time and again if signalled meanwhile. */
        final AtomicLong signalled = new AtomicLong();

        final AtomicBoolean fanning = new AtomicBoolean();
        final AtomicBoolean again = new AtomicBoolean();
    }

    private record Load(long started, CompletableFuture<Void> done) {}

    /**
     * Follows {@code id} on this node for {@code follower} until the returned handle runs: the window is kept while
     * it has followers, and their signals come through the fan-out.
     */
    Runnable join(DebateId id, Follower follower) {
        windows.compute(id, (k, w) -> {
            Window window = w == null ? new Window() : w;
            window.followers.add(follower);
            if (window.subscription == null) {
                window.subscription = bus.subscribe(id, seq -> signal(id, window, seq));
                window.liveSubscription = bus.subscribeLive(id, text -> live(window, text));
            }
            return window;
        });
        return () -> windows.computeIfPresent(id, (k, w) -> {
            w.followers.remove(follower);
            if (!w.followers.isEmpty()) {
                return w;
            }
            w.subscription.close();
            w.liveSubscription.close();
            return null;
        });
    }

    /** A piece of live text: encoded once, offered to every follower (on the publisher's thread: no store read). */
    private void live(Window w, LiveText text) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "delta");
        fields.put("debate_id", text.debate().toString());
        fields.put("ts", text.at().toString());
        fields.put("call", text.call());
        fields.put("attempt", text.attempt());
        fields.put("index", text.index());
        fields.put("task", text.task());
        fields.put("speaker", text.speaker());
        fields.put("model", text.model());
        fields.put("text", text.text());
        byte[] frame;
        try {
            frame = Frames.live(json.writeValueAsString(fields));
        } catch (IOException e) {
            return;
        }
        for (Follower f : w.followers) {
            try {
                f.live(frame);
            } catch (RuntimeException e) {
                LOG.debug("a follower of debate {} failed to take live text: {}", text.debate(), e.toString());
            }
        }
    }

    private void signal(DebateId id, Window w, long seq) {
        if (seq < 0) {
            for (Follower f : w.followers) {
                f.resync();
            }
            return;
        }
        w.signalled.accumulateAndGet(seq, Math::max);
        w.again.set(true);
        if (w.fanning.compareAndSet(false, true)) {
            FAN_OUT.execute(() -> {
                do {
                    w.again.set(false);
                    fanOut(id, w);
                    w.fanning.set(false);
                } while (w.again.get() && w.fanning.compareAndSet(false, true));
            });
        }
    }

    /** Offers every follower the chunk after its position; a chunk is read and joined once per position. */
    private void fanOut(DebateId id, Window w) {
        long seq = w.signalled.get();
        // Null for a position whose read failed: its followers read for themselves.
        Map<Long, Chunk> chunks = new HashMap<>();
        LongFunction<Chunk> chunkAfter = after -> {
            if (chunks.containsKey(after)) {
                return chunks.get(after);
            }
            Chunk chunk;
            try {
                chunk = Chunk.of(readAfter(id, after, batch), batch);
            } catch (RuntimeException e) {
                LOG.debug("fan-out read of debate {} failed; its followers read themselves: {}", id, e.toString());
                chunk = null;
            }
            chunks.put(after, chunk);
            return chunk;
        };
        for (Follower f : w.followers) {
            try {
                f.signalled(seq, chunkAfter);
            } catch (RuntimeException e) {
                LOG.warn("a follower of debate {} failed to take a signal: {}", id, e.toString());
            }
        }
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
                        e.seq(), e.terminal(), Frames.event(e.seq(), json.writeValueAsString(e.wireFields()))));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return encoded;
    }
}
