package com.consultaion.adapter.sse;

import static com.consultaion.adapter.sse.FakeEventStore.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.domain.debate.DebateId;
import io.micronaut.serde.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The node's shared event window: every reader gets every event in order, however readers interleave. */
class EventHubTest {

    private final DebateId id = DebateId.random();
    private final FakeEventStore store = new FakeEventStore(id);
    private final EventHub hub = new EventHub(store, new FakeBus(), ObjectMapper.getDefault(), 200);

    private static List<Long> seqs(List<EventHub.Encoded> read) {
        return read.stream().map(EventHub.Encoded::seq).toList();
    }

    @Test
    void readersOfOneDebateShareOneStoreRead() {
        hub.join(id, FakeBus.IDLE);
        store.appendUpTo(10);
        for (int reader = 0; reader < 50; reader++) {
            assertThat(seqs(hub.readAfter(id, 0, 100))).isEqualTo(range(1, 10));
        }
        assertThat(store.reads).hasValue(1);
    }

    @Test
    void aReaderAtTheTopSeesEventsCommittedAfterItsLastRead() {
        hub.join(id, FakeBus.IDLE);
        store.appendUpTo(3);
        assertThat(seqs(hub.readAfter(id, 0, 100))).isEqualTo(range(1, 3));
        assertThat(hub.readAfter(id, 3, 100)).isEmpty();
        store.appendUpTo(5);
        assertThat(seqs(hub.readAfter(id, 3, 100))).isEqualTo(range(4, 5));
    }

    @Test
    void heartbeatReadsShareARecentStoreReadAndSignalledReadsNever() {
        hub.join(id, FakeBus.IDLE);
        store.appendUpTo(3);
        assertThat(seqs(hub.readAfter(id, 0, 100))).isEqualTo(range(1, 3));
        store.appendUpTo(4); // committed, its signal lost
        long aMinute = TimeUnit.MINUTES.toNanos(1);
        for (int heartbeat = 0; heartbeat < 100; heartbeat++) {
            assertThat(hub.readAfter(id, 3, 100, aMinute)).isEmpty(); // served by the read that found 1..3
        }
        assertThat(store.reads).hasValue(1);
        // A read that must be fresh (a signal, an open, a bus gap) goes to the store and finds seq 4.
        assertThat(seqs(hub.readAfter(id, 3, 100))).containsExactly(4L);
        assertThat(store.reads).hasValue(2);
    }

    @Test
    void aReaderAheadOfTheWindowDoesNotLeaveAGapThatStrandsTheOthers() {
        hub.join(id, FakeBus.IDLE);
        store.appendUpTo(10);
        assertThat(seqs(hub.readAfter(id, 0, 100))).isEqualTo(range(1, 10)); // the window holds 1..10
        store.appendUpTo(20);
        // A late joiner that caught up from the store on its own (seq 15) now reads past the window's top.
        assertThat(seqs(hub.readAfter(id, 15, 100))).isEqualTo(range(16, 20));
        // The subscribers still at 10 must get 11..20, not wait for a signal that may never come.
        assertThat(seqs(hub.readAfter(id, 10, 100))).isEqualTo(range(11, 20));
        store.appendUpTo(21);
        assertThat(seqs(hub.readAfter(id, 20, 100))).containsExactly(21L);
        assertThat(seqs(hub.readAfter(id, 10, 100))).isEqualTo(range(11, 21));
    }

    @Test
    void aReaderBehindTheWindowIsServedFromTheStoreInOrder() {
        hub.join(id, FakeBus.IDLE);
        long total = EventHub.WINDOW * 3L;
        store.appendUpTo(total);
        long seen = 0;
        List<Long> top = new ArrayList<>();
        while (seen < total) { // one live reader pulls the window forward to the end
            List<EventHub.Encoded> batch = hub.readAfter(id, seen, 100);
            top.addAll(seqs(batch));
            seen = batch.getLast().seq();
        }
        assertThat(top).isEqualTo(range(1, total));
        List<Long> replay = new ArrayList<>();
        long at = 0;
        List<EventHub.Encoded> batch;
        while (!(batch = hub.readAfter(id, at, 100)).isEmpty()) { // a reconnect from the very start
            replay.addAll(seqs(batch));
            at = batch.getLast().seq();
        }
        assertThat(replay).isEqualTo(range(1, total));
    }

    @Test
    void aBatchLimitIsRespectedAndTheRestFollows() {
        hub.join(id, FakeBus.IDLE);
        store.appendUpTo(30);
        assertThat(seqs(hub.readAfter(id, 0, 7))).isEqualTo(range(1, 7));
        assertThat(seqs(hub.readAfter(id, 7, 7))).isEqualTo(range(8, 14));
        assertThat(seqs(hub.readAfter(id, 28, 7))).isEqualTo(range(29, 30));
    }

    @Test
    void concurrentReadersGetEveryEventInOrderAndACallAfterACommitAlwaysSeesIt() throws Exception {
        hub.join(id, FakeBus.IDLE);
        long total = 3_000;
        int readers = 16;
        AtomicBoolean writerDone = new AtomicBoolean();
        List<Future<List<Long>>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int r = 0; r < readers; r++) {
                results.add(pool.submit(() -> {
                    List<Long> got = new ArrayList<>();
                    long at = 0; // replays from the start, then follows live
                    while (at < total) {
                        boolean committedBefore = writerDone.get();
                        List<EventHub.Encoded> batch = hub.readAfter(id, at, 1 + (int) (at % 37));
                        if (batch.isEmpty()) {
                            // A read made after the last commit must see it: an empty answer here is a lost wake-up.
                            assertThat(committedBefore)
                                    .as("empty read at %d after all commits", at)
                                    .isFalse();
                            Thread.onSpinWait();
                            continue;
                        }
                        got.addAll(seqs(batch));
                        at = batch.getLast().seq();
                    }
                    return got;
                }));
            }
            for (long s = 1; s <= total; s += 1 + s % 5) {
                store.appendUpTo(s);
            }
            store.appendUpTo(total);
            writerDone.set(true);
            for (var result : results) {
                assertThat(result.get()).isEqualTo(range(1, total));
            }
        }
    }
}
