package com.consultaion.adapter.sse;

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
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * One subscriber's stream. The node's {@link EventHub} offers each signal's new events to the subscriber as one
 * chunk shared with every other subscriber at the same position; when the subscriber is elsewhere (replaying after
 * it opened, behind after a chunk that did not reach the signalled seq, or after lost signals), its own reader
 * fetches the events after the last seq it sent until it has sent the seq the signal announced. Frames go to the
 * connection through an {@link Outlet}. Each subscriber's backlog is bounded by its outlet: one that falls too far
 * behind is disconnected and resumes with Last-Event-ID, so it never slows the debate or other subscribers. After
 * the terminal event the stream completes (the server closes it).
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
            StreamSettings settings,
            StreamMetrics metrics,
            StreamRegistry registry,
            Runnable onClose,
            Outlet outlet) {
        // The retry frame leads (clients learn how soon to reconnect); then replay and go live.
        return outlet.body(Frames.retry(Duration.ofSeconds(3)), () -> {
            Follower follower = new Follower(id, afterSeq, hub, outlet, settings, metrics);
            metrics.opened();
            Runnable leave = hub.join(id, follower);
            ScheduledFuture<?> heartbeat = TIMERS.scheduleAtFixedRate(
                    () -> {
                        if (!follower.done.get() && !outlet.send(Frames.ping())) {
                            follower.dropForLag();
                        }
                        follower.untilEmpty.set(true);
                        follower.wake(); // a safety net: catches up even if a signal was lost
                    },
                    settings.heartbeat().toMillis(),
                    settings.heartbeat().toMillis(),
                    TimeUnit.MILLISECONDS);
            ScheduledFuture<?> lifetime = TIMERS.schedule(
                    () -> {
                        metrics.endedByLimit();
                        follower.done.set(true);
                        outlet.cut();
                    },
                    settings.maxLifetime().toMillis(),
                    TimeUnit.MILLISECONDS);
            Runnable closer = () -> {
                follower.done.set(true);
                outlet.cut();
            };
            Runnable cleanup = () -> {
                follower.done.set(true);
                registry.unregister(closer);
                leave.run();
                heartbeat.cancel(false);
                lifetime.cancel(false);
                metrics.closed();
                onClose.run();
            };
            if (!registry.register(closer)) {
                follower.done.set(true);
                outlet.complete(); // the node is shutting down
                return cleanup;
            }
            follower.wake();
            return cleanup;
        });
    }

    /**
     * The subscriber's position and its reader. Whoever holds {@link #running} (the subscriber's own reader, or the
     * hub's fan-out offering a chunk) is the only one that sends; a wake-up while it is held sets {@link #pending},
     * and the holder runs the reader again when it lets go.
     */
    private static final class Follower implements EventHub.Follower {

        final DebateId id;
        final EventHub hub;
        final Outlet outlet;
        final StreamSettings settings;
        final StreamMetrics metrics;

        volatile long lastSent;
        /** Whether the last event sent was terminal: an empty read after it ends the stream. */
        volatile boolean lastSentTerminal;
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

        Follower(DebateId id, long after, EventHub hub, Outlet outlet, StreamSettings settings, StreamMetrics metrics) {
            this.id = id;
            this.lastSent = after;
            this.hub = hub;
            this.outlet = outlet;
            this.settings = settings;
            this.metrics = metrics;
        }

        @Override
        public void signalled(long seq, LongFunction<EventHub.Chunk> chunkAfter) {
            if (done.get() || seq <= lastSent) {
                return;
            }
            target.accumulateAndGet(seq, Math::max);
            pending.set(true);
            if (!running.compareAndSet(false, true)) {
                return; // the reader is running: it sees the new target when it looks again
            }
            pending.set(false);
            try {
                if (!done.get()) {
                    EventHub.Chunk chunk = chunkAfter.apply(lastSent);
                    if (chunk == null) {
                        pending.set(true); // the shared read failed: the reader tries on its own
                    } else if (chunk.count() > 0) {
                        deliver(chunk);
                    }
                    if (!done.get() && (lastSent < target.get() || lastSentTerminal)) {
                        // more than one chunk behind, or a terminal event that may end the stream: the reader
                        // goes on to the target (or finds nothing after the terminal event, and ends it)
                        pending.set(true);
                    }
                }
            } catch (RuntimeException e) {
                pending.set(true); // the reader meets the same failure and ends the stream with it
            } finally {
                running.set(false);
            }
            if (pending.get() && !done.get()) {
                wake();
            }
        }

        /** Set once the replay on open has reached the end of the stored events: live text flows from then on. */
        volatile boolean replayed;

        @Override
        public void live(byte[] frame) {
            // Not while the replay on open is under way (the text would come before the events it follows); after
            // that at once, even while newer events are on their way (a piece never waits for a store read). A
            // full backlog drops the piece (the committed event carries the whole text).
            if (replayed && !done.get()) {
                var unused = outlet.send(frame);
            }
        }

        @Override
        public void resync() {
            strict.set(true); // "re-read everything", e.g. after a bus gap
            untilEmpty.set(true);
            wake();
        }

        /** Runs the reader on a virtual thread unless it is running; a wake-up during a run makes it run again. */
        void wake() {
            pending.set(true);
            if (running.compareAndSet(false, true)) {
                READERS.execute(() -> {
                    do {
                        pending.set(false);
                        if (!done.get()) {
                            read();
                        }
                        running.set(false);
                    } while (pending.get() && !done.get() && running.compareAndSet(false, true));
                });
            }
        }

        void dropForLag() {
            // A bounded backlog per subscriber: one that falls this far behind is disconnected at once (and resumes
            // with Last-Event-ID), so a slow client never holds memory without limit nor slows anyone else.
            if (!done.getAndSet(true)) {
                metrics.droppedForLag();
            }
            outlet.cut();
        }

        /** Sends one chunk; the caller holds {@link #running}. False when the stream ended with it. */
        private boolean deliver(EventHub.Chunk chunk) {
            if (!outlet.send(chunk.bytes())) {
                dropForLag();
                return false;
            }
            lastSent = chunk.lastSeq();
            lastSentTerminal = chunk.endsOnTerminal();
            metrics.delivered(chunk.count());
            if (chunk.terminal()) {
                done.set(true);
                outlet.complete();
                return false;
            }
            return true;
        }

        private void read() {
            boolean wasUntilEmpty = untilEmpty.getAndSet(false);
            // A heartbeat's read is a safety net for lost signals: 10,000 subscribers' heartbeats would otherwise
            // cost 10,000 store reads per interval. Sharing a read of the last second delays such a catch-up by at
            // most one more heartbeat; signals, opens and bus gaps always read fresh.
            boolean relaxed = wasUntilEmpty && !strict.getAndSet(false);
            try {
                while (!done.get()) {
                    int limit = settings.batch();
                    // Never while a signal announced an event not yet sent: that read must see it.
                    long tolerance = relaxed && target.get() <= lastSent ? HEARTBEAT_READ_TOLERANCE_NANOS : 0;
                    List<EventHub.Encoded> batch = hub.readAfter(id, lastSent, limit, tolerance);
                    if (batch.isEmpty()) {
                        replayed = true;
                        if (lastSentTerminal) {
                            // the terminal event ended a full batch, and nothing follows it: the stream ends there
                            done.set(true);
                            outlet.complete();
                        }
                        return;
                    }
                    // One write per read, however many events it returned: a burst costs each connection one
                    // write and one flush instead of one per event.
                    if (!deliver(EventHub.Chunk.of(batch, limit))) {
                        return;
                    }
                    // A short batch is not the end: the node's window may hold fewer events than the store (it is
                    // filled by whichever reader reads first), so keep going until the signalled seq is sent.
                    if (batch.size() < limit && !wasUntilEmpty && lastSent >= target.get()) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("stream of debate {} failed; the client will reconnect: {}", id, e.toString());
                done.set(true);
                outlet.fail(e);
            }
        }
    }
}
