package com.consultaion.adapter.sse;

import static com.consultaion.adapter.sse.FakeEventStore.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.domain.debate.DebateId;
import io.micronaut.serde.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * The hub's fan-out: a signal's events are read and joined once and offered to every subscriber of the debate on
 * this node, and however signals, fan-outs and subscribers' own readers interleave, each subscriber gets every
 * event once, in order.
 */
class FanOutTest {

    private static final Pattern ID = Pattern.compile("^id: (\\d+)$", Pattern.MULTILINE);

    private final DebateId id = DebateId.random();
    private final FakeEventStore store = new FakeEventStore(id);
    private final FakeBus bus = new FakeBus();
    private final EventHub hub = new EventHub(store, bus, ObjectMapper.getDefault(), 200);
    private final List<Disposable> streams = new ArrayList<>();

    @AfterEach
    void close() {
        streams.forEach(Disposable::dispose);
    }

    /** Records what the fan-out offers it: the chunk after {@code position}. */
    private static final class Recorder implements EventHub.Follower {
        final long position;
        final CountDownLatch offered = new CountDownLatch(1);
        volatile EventHub.Chunk chunk;

        Recorder(long position) {
            this.position = position;
        }

        @Override
        public void signalled(long seq, LongFunction<EventHub.Chunk> chunkAfter) {
            chunk = chunkAfter.apply(position);
            offered.countDown();
        }

        @Override
        public void resync() {}

        @Override
        public void live(byte[] frame) {}
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        // The bound only keeps a broken fan-out from hanging the build.
        assertThat(latch.await(30, TimeUnit.SECONDS))
                .as("the fan-out should have run")
                .isTrue();
    }

    @Test
    void aSignalsEventsAreReadAndJoinedOnceForEverySubscriberAtThatPosition() throws InterruptedException {
        store.appendUpTo(3);
        List<Recorder> followers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Recorder r = new Recorder(1);
            followers.add(r);
            hub.join(id, r);
        }
        Recorder behind = new Recorder(0);
        hub.join(id, behind);

        bus.publish(id, 3);
        for (Recorder r : followers) {
            await(r.offered);
        }
        await(behind.offered);

        EventHub.Chunk shared = followers.get(0).chunk;
        assertThat(shared.count()).isEqualTo(2);
        assertThat(shared.lastSeq()).isEqualTo(3);
        assertThat(new String(shared.bytes(), StandardCharsets.UTF_8))
                .contains("id: 2\n")
                .contains("id: 3\n");
        for (Recorder r : followers) {
            assertThat(r.chunk).isSameAs(shared);
        }
        assertThat(behind.chunk.count()).isEqualTo(3); // its own position's chunk
        // One read per position, never one per subscriber: the signal's (from 1) and the follower behind's (from
        // 0) — or only the latter, when it comes first and its window then serves the signal's position too
        // (the order of the two is the scheduler's; found flaky in CI with exactly 2 asserted).
        assertThat(store.reads.get())
                .as("store reads for 51 subscribers at two positions")
                .isBetween(1, 2);
    }

    @Test
    void whenTheSharedReadFailsEveryFollowerIsToldOnceAndTheStoreIsAskedOnce() throws InterruptedException {
        store.appendUpTo(3);
        List<Recorder> followers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Recorder r = new Recorder(0);
            followers.add(r);
            hub.join(id, r);
        }
        store.failing.set(1);
        bus.publish(id, 3);
        for (Recorder r : followers) {
            await(r.offered);
            assertThat(r.chunk).as("null: read for yourself").isNull();
        }
        assertThat(store.reads).hasValue(1);
    }

    @Test
    void aFollowerThatLeftIsNotOfferedAnythingAndTheLastOneUnsubscribes() throws InterruptedException {
        store.appendUpTo(1);
        Recorder stays = new Recorder(0);
        Recorder leaves = new Recorder(0);
        Runnable leaveStays = hub.join(id, stays);
        hub.join(id, leaves).run();
        bus.publish(id, 1);
        await(stays.offered);
        assertThat(leaves.offered.getCount()).isEqualTo(1);
        leaveStays.run();
        assertThat(bus.listeners).isEmpty();
    }

    @Test
    void everySubscriberGetsEveryEventOnceInOrderWhileSignalsRaceFromManyThreads() throws Exception {
        StreamSettings settings = new StreamSettings(Duration.ofHours(1), Duration.ofHours(1), 10, 50, 16 << 20);
        int subscribers = 40;
        long last = 3_000;
        store.appendUpTo(5);
        List<List<Long>> received = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            List<Long> seqs = new CopyOnWriteArrayList<>();
            received.add(seqs);
            // Half start at the beginning (they replay through their own readers while the fan-out runs), half at
            // the top.
            long from = i % 2 == 0 ? 0 : 5;
            streams.add(DebateStream.open(
                            id,
                            from,
                            hub,
                            settings,
                            new StreamMetrics(),
                            new StreamRegistry(),
                            () -> {},
                            new ReactiveOutlet(settings.maxBacklogBytes()))
                    .subscribe(frame -> {
                        Matcher m = ID.matcher(new String(frame, StandardCharsets.UTF_8));
                        while (m.find()) {
                            seqs.add(Long.parseLong(m.group(1)));
                        }
                    }));
        }
        // Four committers: each appends up to the next seq and signals it, in whatever order the threads run. No
        // heartbeat runs: a lost wake-up leaves a subscriber short, and the wait below fails.
        AtomicLong next = new AtomicLong(5);
        List<Thread> committers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            committers.add(Thread.ofPlatform().start(() -> {
                for (long seq; (seq = next.incrementAndGet()) <= last; ) {
                    store.appendUpTo(seq);
                    bus.publish(id, seq);
                }
            }));
        }
        for (Thread t : committers) {
            t.join();
        }
        for (int i = 0; i < subscribers; i++) {
            List<Long> seqs = received.get(i);
            long from = i % 2 == 0 ? 0 : 5;
            // The bound only stops a broken build; a working one is done in well under a second.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> seqs.size() >= last - from);
            assertThat(seqs).as("subscriber %d", i).isEqualTo(range(from + 1, last));
        }
    }
}
