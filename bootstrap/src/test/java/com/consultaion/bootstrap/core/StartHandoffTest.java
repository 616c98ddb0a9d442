package com.consultaion.bootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.adapter.persistence.inmemory.InMemoryStores;
import com.consultaion.application.Consultaion;
import com.consultaion.application.Core;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.in.StartDebateCommand;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.AuditTrail.Entry;
import com.consultaion.application.port.out.ChatTask;
import com.consultaion.application.port.out.StorageUnavailableException;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.WorkLeases;
import com.consultaion.application.service.DebateWorker;
import com.consultaion.domain.audit.AuditSearch;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.UserId;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A debate started on a node whose worker has room is claimed for that worker in its start transaction and runs
 * at once; when the worker is full it is queued for any worker to claim; a start that fails gives its place back.
 */
class StartHandoffTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final InMemoryStores stores = InMemoryStores.create();
    private final AtomicInteger claimed = new AtomicInteger();
    private final AtomicInteger granted = new AtomicInteger();
    private final AtomicInteger refuseTransactions = new AtomicInteger();
    /** While set, the worker's next claim stops inside the claim (slots taken) until the latch opens. */
    private volatile CountDownLatch holdClaim;

    private final CountDownLatch claimHeld = new CountDownLatch(1);
    private Consultaion consultaion;

    @AfterEach
    void close() {
        if (consultaion != null) {
            consultaion.close();
        }
    }

    /** The stores, counting claims and grants that took a debate; transactions refused while asked to. */
    private Core.Stores counted() {
        WorkLeases real = stores.leases();
        WorkLeases counting = new WorkLeases() {
            @Override
            public Optional<Lease> claim(String owner, Duration ttl, Instant now) {
                CountDownLatch hold = holdClaim;
                if (hold != null) {
                    claimHeld.countDown();
                    try {
                        hold.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                Optional<Lease> lease = real.claim(owner, ttl, now);
                lease.ifPresent(l -> claimed.incrementAndGet());
                return lease;
            }

            @Override
            public Optional<Lease> grant(DebateId id, String owner, Duration ttl, Instant now) {
                Optional<Lease> lease = real.grant(id, owner, ttl, now);
                lease.ifPresent(l -> granted.incrementAndGet());
                return lease;
            }

            @Override
            public boolean renew(Lease lease, Duration ttl, Instant now) {
                return real.renew(lease, ttl, now);
            }

            @Override
            public void release(Lease lease) {
                real.release(lease);
            }

            @Override
            public Set<String> holders(String ownerPrefix, Instant now) {
                return real.holders(ownerPrefix, now);
            }

            @Override
            public int expireHeldBy(String owner, Instant now) {
                return real.expireHeldBy(owner, now);
            }

            @Override
            public void assertHeld(Lease lease) {
                real.assertHeld(lease);
            }
        };
        Transactions refusing = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                if (refuseTransactions.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new StorageUnavailableException(
                            "no connection within 2000 ms", new SQLTransientConnectionException());
                }
                return stores.transactions().inTransaction(work);
            }
        };
        return new Core.StoreSet(
                stores.debates(),
                stores.transcripts(),
                stores.events(),
                stores.bus(),
                refusing,
                counting,
                stores.ratings(),
                stores.billing());
    }

    private Consultaion build(ScriptedModel model, int workerSlots) {
        return build(model, workerSlots, AuditTrail.NONE);
    }

    private Consultaion build(ScriptedModel model, int workerSlots, AuditTrail audit) {
        consultaion = Consultaion.builder()
                .chatModel(model)
                .stores(counted())
                .audit(audit)
                .worker(new DebateWorker.Settings(
                        "here", workerSlots, Duration.ofMinutes(1), Duration.ofSeconds(20), Duration.ofMillis(100)))
                .build();
        return consultaion;
    }

    private Debate startAndAwait() throws Exception {
        return consultaion.await(
                consultaion
                        .start(PipelineBehaviourTest.PROMPT, PipelineBehaviourTest.config())
                        .id(),
                WAIT);
    }

    @Test
    void aDebateStartedHereIsClaimedInItsStartTransactionAndRuns() throws Exception {
        build(new ScriptedModel(), 10);

        Debate done = startAndAwait();

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(granted.get()).isEqualTo(1);
        assertThat(claimed.get()).as("no separate claim").isZero();
        PipelineBehaviourTest.gapFreeEvents(consultaion, done);
    }

    /** A worker stopped inside a claim; {@link #release} (or leaving the try block) lets the claim go on. */
    private interface HeldClaim extends AutoCloseable {
        void release();

        @Override
        default void close() {
            release();
        }
    }

    /** Builds with {@code slots} places and waits until the worker is inside its first claim, holding its slots. */
    private HeldClaim buildWithAClaimUnderWay(int slots) throws InterruptedException {
        return buildWithAClaimUnderWay(new ScriptedModel(), slots);
    }

    private HeldClaim buildWithAClaimUnderWay(ScriptedModel model, int slots) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        holdClaim = latch;
        build(model, slots);
        assertThat(claimHeld.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the worker is inside a claim")
                .isTrue();
        return () -> {
            holdClaim = null;
            latch.countDown();
        };
    }

    @Test
    void aDebateStartedWhileTheWorkerIsClaimingStillGetsItsHandOff() throws Exception {
        try (HeldClaim claim = buildWithAClaimUnderWay(10)) {
            Debate started = consultaion.start(PipelineBehaviourTest.PROMPT, PipelineBehaviourTest.config());
            assertThat(granted.get()).as("handed off in the start transaction").isEqualTo(1);
            claim.release();
            assertThat(consultaion.await(started.id(), WAIT).status()).isEqualTo(DebateStatus.COMPLETED);
        }
    }

    @Test
    void aStartTakesTheSlotOfAClaimUnderWayAndTheClaimHandsBackWhatItCanNoLongerRun() throws Exception {
        // The first debate's drafts wait for this gate, so it holds the only slot until both starts are made (a
        // first debate that finished in between would give its slot back and the second would be handed off).
        CompletableFuture<Void> drafts = new CompletableFuture<>();
        ScriptedModel model = new ScriptedModel();
        model.on(ChatTask.DRAFT, "a", r -> drafts.thenCompose(v -> ScriptedModel.answer(r, "draft by a")));
        try (HeldClaim claim = buildWithAClaimUnderWay(model, 1)) {
            Debate first = consultaion.start(PipelineBehaviourTest.PROMPT, PipelineBehaviourTest.config());
            assertThat(granted.get())
                    .as("the claim's only slot went to the start")
                    .isEqualTo(1);
            Debate second = consultaion.start(PipelineBehaviourTest.PROMPT, PipelineBehaviourTest.config());
            assertThat(granted.get()).as("no slot left: queued").isEqualTo(1);
            drafts.complete(null);
            claim.release(); // the claim finds the second debate, with no slot left to run it
            assertThat(consultaion.await(first.id(), WAIT).status()).isEqualTo(DebateStatus.COMPLETED);
            assertThat(consultaion.await(second.id(), WAIT).status()).isEqualTo(DebateStatus.COMPLETED);
            assertThat(claimed.get())
                    .as("claimed, handed back, and claimed again once the first had finished")
                    .isEqualTo(2);
            PipelineBehaviourTest.gapFreeEvents(
                    consultaion, consultaion.get(second.id()).orElseThrow());
        }
    }

    @Test
    void whenThisNodesWorkerIsFullTheDebateIsQueuedAndClaimedOnceThereIsRoom() throws Exception {
        ScriptedModel model = new ScriptedModel();
        // The first debate holds the only place until it is cancelled.
        model.on(ChatTask.CRITIQUE, "a", r -> model.hanging.isEmpty() ? model.hang() : ScriptedModel.answer(r, "ok"));
        build(model, 1);
        Debate first = consultaion.start(PipelineBehaviourTest.PROMPT, PipelineBehaviourTest.config());
        Awaitility.await().atMost(WAIT).until(() -> !model.hanging.isEmpty());

        Debate second = consultaion.start(PipelineBehaviourTest.PROMPT, PipelineBehaviourTest.config());

        assertThat(consultaion.get(second.id()).orElseThrow().status()).isEqualTo(DebateStatus.QUEUED);
        assertThat(granted.get()).isEqualTo(1);
        consultaion.cancel(first.id());
        assertThat(consultaion.await(first.id(), WAIT).status()).isEqualTo(DebateStatus.CANCELLED);
        assertThat(consultaion.await(second.id(), WAIT).status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(claimed.get())
                .as("the queued debate, by the worker's own claim")
                .isEqualTo(1);
    }

    @Test
    void aStartThatFailsGivesItsPlaceInTheWorkerBack() throws Exception {
        build(new ScriptedModel(), 1);
        refuseTransactions.set(1);

        assertThatThrownBy(() -> consultaion.start(PipelineBehaviourTest.PROMPT, PipelineBehaviourTest.config()))
                .isInstanceOf(StorageUnavailableException.class);
        Debate done = startAndAwait();

        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(granted.get()).as("the one place went to the second start").isEqualTo(1);
        assertThat(claimed.get()).isZero();
    }

    @Test
    void theAuditEntryIsWrittenWithTheDebateAndAStartWhoseEntryFailsLeavesNothing() throws Exception {
        List<Entry> recorded = new CopyOnWriteArrayList<>();
        AtomicBoolean auditFails = new AtomicBoolean(true);
        AuditTrail audit = new AuditTrail() {
            @Override
            public void record(Entry entry) {
                if (auditFails.get()) {
                    throw new IllegalStateException("audit store refused the entry");
                }
                recorded.add(entry);
            }

            @Override
            public List<Entry> about(UserId user, int limit) {
                return List.of();
            }

            @Override
            public Page search(AuditSearch search, int limit, int offset) {
                return new Page(List.of(), 0);
            }

            @Override
            public int deleteBefore(Instant cutoff) {
                return 0;
            }
        };
        build(new ScriptedModel(), 1, audit);
        ClientContext client = new ClientContext("203.0.113.9", "req-1");
        StartDebateCommand command = Consultaion.command(PipelineBehaviourTest.PROMPT, PipelineBehaviourTest.config());

        assertThatThrownBy(() -> consultaion.core().startDebate().start(command, client))
                .isInstanceOf(IllegalStateException.class);
        assertThat(consultaion
                        .core()
                        .listDebates()
                        .list(Requester.system(), null, true, null, 10, 0)
                        .items())
                .as("no debate without its audit entry")
                .isEmpty();

        auditFails.set(false);
        Debate started = consultaion.core().startDebate().start(command, client);

        assertThat(consultaion
                        .core()
                        .listDebates()
                        .list(Requester.system(), null, true, null, 10, 0)
                        .items())
                .extracting(Debate::id)
                .containsExactly(started.id());
        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("debate_created");
            assertThat(e.targetId()).isEqualTo(started.id().toString());
            assertThat(e.ip()).isEqualTo("203.0.113.9");
            assertThat(e.requestId()).isEqualTo("req-1");
            assertThat(e.detail()).containsExactly(Map.entry("mode", "debate"));
        });
        assertThat(consultaion.await(started.id(), WAIT).status())
                .as("the failed start gave its place in the worker back")
                .isEqualTo(DebateStatus.COMPLETED);
    }
}
