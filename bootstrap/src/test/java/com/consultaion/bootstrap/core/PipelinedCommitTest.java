package com.consultaion.bootstrap.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.adapter.persistence.inmemory.InMemoryStores;
import com.consultaion.application.Consultaion;
import com.consultaion.application.Core;
import com.consultaion.application.port.out.ChatTask;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.WorkLeases;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.event.DebateEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stage's commit is written while the next stage calls its models; the commits still land in order, and a
 * commit that fails stops the stage running meanwhile without writing anything more.
 */
class PipelinedCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Consultaion consultaion;

    @AfterEach
    void close() {
        if (consultaion != null) {
            consultaion.close();
        }
    }

    private static Core.Stores with(InMemoryStores stores, Transactions transactions, WorkLeases leases) {
        return new Core.StoreSet(
                stores.debates(),
                stores.transcripts(),
                stores.events(),
                stores.bus(),
                transactions,
                leases,
                stores.ratings(),
                stores.billing());
    }

    @Test
    void theNextStageCallsItsModelsWhileThePreviousCommitIsBeingWritten() throws Exception {
        InMemoryStores stores = InMemoryStores.create();
        AtomicBoolean holdCommits = new AtomicBoolean();
        AtomicInteger writing = new AtomicInteger();
        CountDownLatch critiqueCalled = new CountDownLatch(1);
        CountDownLatch commitEntered = new CountDownLatch(1);
        // Once the drafts are being asked for, every transaction is held until a critique call arrives (10 s at
        // most): a runner that waits for the drafts' commit before the critique stage is held the full 10 s.
        // A critique call waits (10 s at most) until a commit has begun: a pipelined runner may call the critics
        // before its commit thread reaches the transaction, and a slow machine makes that likely.
        Transactions slow = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                if (holdCommits.get()) {
                    writing.incrementAndGet();
                    commitEntered.countDown();
                    try {
                        critiqueCalled.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        writing.decrementAndGet();
                    }
                }
                return stores.transactions().inTransaction(work);
            }
        };
        AtomicBoolean critiqueOverlappedACommit = new AtomicBoolean();
        ScriptedModel model = new ScriptedModel();
        for (String m : List.of("a", "b", "c")) {
            model.on(ChatTask.DRAFT, m, r -> {
                holdCommits.set(true);
                return ScriptedModel.answer(r, "draft by " + r.model());
            });
            model.on(ChatTask.CRITIQUE, m, r -> {
                try {
                    commitEntered.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (writing.get() > 0) {
                    critiqueOverlappedACommit.set(true);
                }
                critiqueCalled.countDown();
                return ScriptedModel.answer(r, "revision by " + r.model());
            });
        }
        consultaion = Consultaion.builder()
                .chatModel(model)
                .stores(with(stores, slow, stores.leases()))
                .build();

        Debate done = consultaion.await(
                consultaion
                        .start(PipelineBehaviourTest.PROMPT, PipelineBehaviourTest.config())
                        .id(),
                WAIT);

        assertThat(critiqueOverlappedACommit)
                .as("a critique call made while the drafts' commit was in flight")
                .isTrue();
        assertThat(done.status()).isEqualTo(DebateStatus.COMPLETED);
        List<DebateEvent> events = PipelineBehaviourTest.gapFreeEvents(consultaion, done);
        assertThat(PipelineBehaviourTest.types(events))
                .containsSubsequence(
                        "debate_created",
                        "round_started",
                        "message",
                        "round_started",
                        "message",
                        "round_started",
                        "score",
                        "ranking",
                        "round_started",
                        "final");
        assertThat(consultaion.transcript(done.id()).orElseThrow().contributions())
                .hasSize(7);
    }

    @Test
    void aCommitThatLosesTheLeaseStopsTheStageRunningMeanwhileAndWritesNothingMore() throws Exception {
        InMemoryStores stores = InMemoryStores.create();
        WorkLeases real = stores.leases();
        AtomicInteger checks = new AtomicInteger();
        AtomicBoolean lost = new AtomicBoolean();
        // The first check is the "running" commit; the second, the drafts' commit, finds the lease gone (taken
        // over by another node, say): from then on this node can neither claim nor hand back the debate.
        WorkLeases losing = new WorkLeases() {
            @Override
            public Optional<Lease> claim(String owner, Duration ttl, Instant now) {
                return lost.get() ? Optional.empty() : real.claim(owner, ttl, now);
            }

            @Override
            public Optional<Lease> grant(DebateId id, String owner, Duration ttl, Instant now) {
                return lost.get() ? Optional.empty() : real.grant(id, owner, ttl, now);
            }

            @Override
            public boolean renew(Lease lease, Duration ttl, Instant now) {
                return !lost.get() && real.renew(lease, ttl, now);
            }

            @Override
            public void release(Lease lease) {
                if (!lost.get()) {
                    real.release(lease);
                }
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
                if (checks.incrementAndGet() == 2) {
                    lost.set(true);
                }
                if (lost.get()) {
                    throw new LeaseLostException(lease);
                }
                real.assertHeld(lease);
            }
        };
        CountDownLatch critiquesAsked = new CountDownLatch(3);
        ScriptedModel model = new ScriptedModel();
        for (String m : List.of("a", "b", "c")) {
            // The drafts' commit waits until the critique stage has asked all three models, then fails.
            model.on(ChatTask.CRITIQUE, m, r -> {
                critiquesAsked.countDown();
                return model.hang();
            });
        }
        Transactions waitForCritiques = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                if (checks.get() == 1) {
                    try {
                        critiquesAsked.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return stores.transactions().inTransaction(work);
            }
        };
        consultaion = Consultaion.builder()
                .chatModel(model)
                .stores(with(stores, waitForCritiques, losing))
                .build();

        Debate started = consultaion.start(PipelineBehaviourTest.PROMPT, PipelineBehaviourTest.config());
        Awaitility.await().atMost(WAIT).until(() -> lost.get() && consultaion.activeDebates() == 0);

        assertThat(model.hanging).hasSize(3).allMatch(Future::isCancelled);
        Debate stored = consultaion.get(started.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(DebateStatus.RUNNING);
        assertThat(stored.nextStage())
                .as("the drafts' checkpoint was not written")
                .isZero();
        assertThat(consultaion.transcript(started.id()).orElseThrow().contributions())
                .isEmpty();
        assertThat(checks.get()).as("no commit after the failed one").isEqualTo(2);
    }
}
