package com.consultaion.adapter.sse;

import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.domain.debate.DebateId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * One subscriber's stream. On every signal the subscriber's reader fetches the events after the last seq it
 * sent (through the node's {@link EventHub}) until it has sent the seq the signal announced, and writes them out;
 * the bus only wakes the reader; frames go to the connection through an {@link Outlet}. Each subscriber's backlog
 * is bounded by its outlet: one that falls too far behind is disconnected and resumes with Last-Event-ID, so it
 * never slows the debate or other subscribers. After the terminal event the stream completes (the server closes
 * it).
 */
final class DebateStream {

    private static final Logger LOG = LoggerFactory.getLogger(DebateStream.class);
    private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-timers");
        t.setDaemon(true);
        return t;
    });

    private static final long HEARTBEAT_READ_TOLERANCE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private DebateStream() {}

    /** One subscriber's stream through {@code outlet}: the body the HTTP layer writes. */
    static Flux<byte[]> open(
            DebateId id,
            long afterSeq,
            EventHub hub,
            DebateEventBus bus,
            StreamSettings settings,
            StreamMetrics metrics,
            StreamRegistry registry,
            Runnable onClose,
            Outlet outlet) {
        // The retry frame leads (clients learn how soon to reconnect); then replay and go live.
        return outlet.body(Frames.retry(Duration.ofSeconds(3)), () -> {
            State state = new State(afterSeq);
            metrics.opened();
            hub.join(id);
            Runnable pump = () -> pump(state, outlet, id, hub, settings, metrics);
            DebateEventBus.Subscription subscription = bus.subscribe(id, seq -> {
                if (seq < 0) {
                    state.strict.set(true); // "re-read everything", e.g. after a bus gap
                    state.untilEmpty.set(true);
                } else {
                    state.target.accumulateAndGet(seq, Math::max);
                }
                schedule(state, pump);
            });
            ScheduledFuture<?> heartbeat = TIMERS.scheduleAtFixedRate(
                    () -> {
                        if (!state.done.get() && !outlet.send(Frames.ping())) {
                            dropForLag(state, outlet, metrics);
                        }
                        state.untilEmpty.set(true);
                        schedule(state, pump); // a safety net: catches up even if a signal was lost
                    },
                    settings.heartbeat().toMillis(),
                    settings.heartbeat().toMillis(),
                    TimeUnit.MILLISECONDS);
            ScheduledFuture<?> lifetime = TIMERS.schedule(
                    () -> {
                        metrics.endedByLimit();
                        state.done.set(true);
                        outlet.cut();
                    },
                    settings.maxLifetime().toMillis(),
                    TimeUnit.MILLISECONDS);
            Runnable closer = () -> {
                state.done.set(true);
                outlet.cut();
            };
            Runnable cleanup = () -> {
                state.done.set(true);
                registry.unregister(closer);
                subscription.close();
                heartbeat.cancel(false);
                lifetime.cancel(false);
                metrics.closed();
                hub.leave(id);
                onClose.run();
            };
            if (!registry.register(closer)) {
                state.done.set(true);
                outlet.complete(); // the node is shutting down
                return cleanup;
            }
            schedule(state, pump);
            return cleanup;
        });
    }

    private static void dropForLag(State state, Outlet outlet, StreamMetrics metrics) {
        // A bounded backlog per subscriber: one that falls this far behind is disconnected at once (and resumes
        // with Last-Event-ID), so a slow client never holds memory without limit nor slows anyone else.
        if (!state.done.getAndSet(true)) {
            metrics.droppedForLag();
        }
        outlet.cut();
    }

    private static final class State {
        volatile long lastSent;
        /** The highest seq a signal announced: the reader keeps reading until it has sent it. */
        final AtomicLong target = new AtomicLong();
        /** Set on open and by the heartbeat: read until a read comes back empty (no signal says how far). */
        final AtomicBoolean untilEmpty = new AtomicBoolean(true);
        /**
         * Set on open and after a bus gap: that read must see the store as it is now. Without it (a heartbeat's
         * read), a store read another subscriber began within the last second will do.
         */
        final AtomicBoolean strict = new AtomicBoolean(true);

        final AtomicBoolean done = new AtomicBoolean();
        final AtomicBoolean running = new AtomicBoolean();
        final AtomicBoolean pending = new AtomicBoolean();

        State(long after) {
            this.lastSent = after;
        }
    }

    /** Runs the pump on a virtual thread unless it is running; a wake-up during a run makes it run again. */
    private static void schedule(State state, Runnable pump) {
        state.pending.set(true);
        if (state.running.compareAndSet(false, true)) {
            READERS.execute(() -> {
                do {
                    state.pending.set(false);
                    if (!state.done.get()) {
                        pump.run();
                    }
                    state.running.set(false);
                } while (state.pending.get() && !state.done.get() && state.running.compareAndSet(false, true));
            });
        }
    }

    private static void pump(
            State state, Outlet outlet, DebateId id, EventHub hub, StreamSettings settings, StreamMetrics metrics) {
        boolean untilEmpty = state.untilEmpty.getAndSet(false);
        // A heartbeat's read is a safety net for lost signals: 10,000 subscribers' heartbeats would otherwise cost
        // 10,000 store reads per interval. Sharing a read of the last second delays such a catch-up by at most
        // one more heartbeat; signals, opens and bus gaps always read fresh.
        boolean relaxed = untilEmpty && !state.strict.getAndSet(false);
        try {
            while (!state.done.get()) {
                int limit = settings.batch();
                // Never while a signal announced an event not yet sent: that read must see it.
                long tolerance = relaxed && state.target.get() <= state.lastSent ? HEARTBEAT_READ_TOLERANCE_NANOS : 0;
                List<EventHub.Encoded> batch = hub.readAfter(id, state.lastSent, limit, tolerance);
                if (batch.isEmpty()) {
                    return;
                }
                // One write per read, however many events it returned: a burst costs each connection one
                // write and one flush instead of one per event.
                int count = 0;
                int size = 0;
                boolean terminal = false;
                for (EventHub.Encoded e : batch) {
                    count++;
                    size += e.frame().length;
                    if (e.terminal()) {
                        terminal = true;
                        break;
                    }
                }
                byte[] bytes = new byte[size];
                int at = 0;
                for (int i = 0; i < count; i++) {
                    byte[] frame = batch.get(i).frame();
                    System.arraycopy(frame, 0, bytes, at, frame.length);
                    at += frame.length;
                }
                if (!outlet.send(bytes)) {
                    dropForLag(state, outlet, metrics);
                    return;
                }
                state.lastSent = batch.get(count - 1).seq();
                metrics.delivered(count);
                if (terminal) {
                    state.done.set(true);
                    outlet.complete();
                    return;
                }
                // A short batch is not the end: the node's window may hold fewer events than the store (it is
                // filled by whichever reader reads first), so keep going until the signalled seq is sent.
                if (batch.size() < limit && !untilEmpty && state.lastSent >= state.target.get()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("stream of debate {} failed; the client will reconnect: {}", id, e.toString());
            state.done.set(true);
            outlet.fail(e);
        }
    }
}
