package com.consultaion.adapter.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.domain.debate.DebateId;
import io.micronaut.serde.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;

/** One subscriber's stream: a signal is never lost, however the node's window was filled by other readers. */
class DebateStreamTest {

    private static final Pattern ID = Pattern.compile("^id: (\\d+)$", Pattern.MULTILINE);

    private final DebateId id = DebateId.random();
    private final FakeEventStore store = new FakeEventStore(id);
    private final FakeBus bus = new FakeBus();
    private final EventHub hub = new EventHub(store, bus, ObjectMapper.getDefault(), 200);
    // No heartbeat during the test: only signals may wake the reader.
    private final StreamSettings settings =
            new StreamSettings(Duration.ofHours(1), Duration.ofHours(1), 10, 200, 64 * 1024);
    private final BlockingQueue<Long> received = new LinkedBlockingQueue<>();
    private Disposable subscription;

    private ReactiveOutlet outlet() {
        return new ReactiveOutlet(settings.maxBacklogBytes());
    }

    @AfterEach
    void close() {
        if (subscription != null) {
            subscription.dispose();
        }
    }

    private void open(long afterSeq) {
        open(afterSeq, new StreamMetrics());
    }

    /** A reader that takes every frame and records the event ids in {@link #received}. */
    private void open(long afterSeq, StreamMetrics metrics) {
        subscription = DebateStream.open(id, afterSeq, hub, settings, metrics, new StreamRegistry(), () -> {}, outlet())
                .subscribe(frame -> {
                    Matcher m = ID.matcher(new String(frame, StandardCharsets.UTF_8));
                    while (m.find()) { // one write may carry several events
                        received.add(Long.parseLong(m.group(1)));
                    }
                });
    }

    /**
     * A client that takes one frame and never asks for more (its socket is full). The future completes when its
     * stream ends: with null on completion, with the error otherwise.
     */
    private CompletableFuture<Throwable> openStalled(StreamSettings limits, StreamMetrics metrics) {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        DebateStream.open(id, 0, hub, limits, metrics, new StreamRegistry(), () -> {}, outlet())
                .subscribe(new BaseSubscriber<byte[]>() {
                    @Override
                    protected void hookOnSubscribe(Subscription s) {
                        s.request(1);
                    }

                    @Override
                    protected void hookOnError(Throwable error) {
                        ended.complete(error);
                    }

                    @Override
                    protected void hookOnComplete() {
                        ended.complete(null);
                    }
                });
        return ended;
    }

    /** The next delivered seq; the bound only keeps a broken reader from hanging the build. */
    private long next() throws InterruptedException {
        Long seq = received.poll(30, TimeUnit.SECONDS);
        assertThat(seq).as("an event should have been delivered").isNotNull();
        return seq;
    }

    @Test
    void theRetryFrameComesFirstEvenWhenEventsAreWaitingToBeReplayed() {
        store.appendUpTo(50);
        // The reader runs on another thread as soon as it is scheduled; the retry frame must still lead, every time.
        for (int attempt = 0; attempt < 200; attempt++) {
            byte[] first = DebateStream.open(
                            id, 0, hub, settings, new StreamMetrics(), new StreamRegistry(), () -> {}, outlet())
                    .blockFirst(Duration.ofSeconds(30));
            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("retry: 3000\n\n");
        }
    }

    @Test
    void aSignalIsFollowedToItsSeqEvenWhenTheWindowHoldsOnlyPartOfIt() throws InterruptedException {
        hub.join(id, FakeBus.IDLE); // another subscriber of this debate keeps the node's window alive
        store.appendUpTo(11);
        open(9);
        assertThat(next()).isEqualTo(10);
        assertThat(next()).isEqualTo(11);
        // Another subscriber reads first and fills the window up to 12; then 13 commits and is signalled.
        store.appendUpTo(12);
        assertThat(hub.readAfter(id, 11, 200)).hasSize(1);
        store.appendUpTo(13);
        bus.publish(id, 13);
        // The window answers 12 alone; the reader must still go on to 13 without waiting for another signal.
        assertThat(next()).isEqualTo(12);
        assertThat(next()).isEqualTo(13);
    }

    @Test
    void aStreamOpenedBehindTheWindowReplaysEverythingWithoutASignal() throws InterruptedException {
        hub.join(id, FakeBus.IDLE);
        store.appendUpTo(5);
        assertThat(hub.readAfter(id, 0, 200)).hasSize(5); // the window holds 1..5
        store.appendUpTo(8);
        open(2);
        for (long seq = 3; seq <= 8; seq++) {
            assertThat(next()).isEqualTo(seq);
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsDroppedAndTheOthersGetEverything() throws InterruptedException {
        StreamMetrics metrics = new StreamMetrics();
        long total = 3_000L; // about 300 KB of frames, well past the 64 KiB backlog limit
        store.appendUpTo(total);
        CompletableFuture<Throwable> slowEnded = openStalled(settings, metrics);
        open(0, metrics);

        for (long seq = 1; seq <= total; seq++) {
            assertThat(next()).isEqualTo(seq);
        }
        // The laggard's stream ends at once (its client reconnects with Last-Event-ID), not after the whole debate.
        assertThat(slowEnded.orTimeout(30, TimeUnit.SECONDS).join()).isNull();
        assertThat(metrics.subscribersDroppedForLag()).isEqualTo(1);
        assertThat(metrics.openStreams()).isEqualTo(1);
    }

    @Test
    void theLifetimeLimitEndsAStreamWhoseClientStoppedReading() {
        StreamMetrics metrics = new StreamMetrics();
        store.appendUpTo(50);
        StreamSettings shortLived = new StreamSettings(Duration.ofHours(1), Duration.ofMillis(300), 10, 200, 64 * 1024);
        CompletableFuture<Throwable> ended = openStalled(shortLived, metrics);
        assertThat(ended.orTimeout(30, TimeUnit.SECONDS).join()).isNull(); // completed, not failed
        assertThat(metrics.streamsEndedByLimit()).isEqualTo(1);
        assertThat(metrics.openStreams()).isZero();
    }
}
