package com.consultaion.adapter.persistence.contract;

import static com.consultaion.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.adapter.persistence.Fixtures;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.debate.UserId;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The DebateRepository contract, run against the in-memory and the PostgreSQL adapter. */
class DebateRepositoryContractTest {

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aStoredDebateReadsBackEqualInEveryField(StoreFactory stores) {
        DebateRepository repo = stores.create().debates();
        Debate debate = Fixtures.debate().recordEvents(1);

        repo.insert(debate);
        Debate read = repo.findById(debate.id()).orElseThrow();

        assertThat(read.id()).isEqualTo(debate.id());
        assertThat(read.ownerId()).isEqualTo(debate.ownerId());
        assertThat(read.prompt()).isEqualTo(debate.prompt());
        assertThat(read.mode()).isEqualTo(debate.mode());
        assertThat(read.config()).isEqualTo(debate.config());
        assertThat(read.status()).isEqualTo(DebateStatus.QUEUED);
        assertThat(read.lastSeq()).isEqualTo(1);
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.version()).isZero();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aTraceContextIsKeptWithItsDebateAndRolledBackWithItsTransaction(StoreFactory stores) {
        var store = stores.create();
        DebateRepository repo = store.debates();
        Debate debate = Fixtures.debate();
        repo.insert(debate);
        String traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        assertThat(repo.traceOf(debate.id())).isEmpty();
        repo.attachTrace(debate.id(), traceParent);
        assertThat(repo.traceOf(debate.id())).hasValue(traceParent);

        repo.attachTrace(DebateId.random(), traceParent); // no such debate: nothing happens
        String injection = "'); DROP TABLE debates; --";
        assertThatThrownBy(() -> store.transactions().run(() -> {
                    repo.attachTrace(debate.id(), injection);
                    throw new IllegalStateException("rolled back");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(repo.traceOf(debate.id())).hasValue(traceParent);
        repo.attachTrace(debate.id(), injection);
        assertThat(repo.traceOf(debate.id())).hasValue(injection);
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void anUnknownIdIsEmpty(StoreFactory stores) {
        assertThat(stores.create().debates().findById(DebateId.random())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void anUpdateBumpsTheVersionAndAStaleOneIsRefused(StoreFactory stores) {
        DebateRepository repo = stores.create().debates();
        Debate debate = Fixtures.debate();
        repo.insert(debate);

        Debate running = repo.update(debate.start(T0.plusSeconds(1)));
        Debate reread = repo.findById(debate.id()).orElseThrow();

        assertThat(running.version()).isEqualTo(1);
        assertThat(reread.status()).isEqualTo(DebateStatus.RUNNING);
        assertThat(reread.version()).isEqualTo(1);
        assertThatThrownBy(() -> repo.update(debate.cancel(T0.plusSeconds(2))))
                .isInstanceOf(DebateRepository.ConcurrentUpdateException.class);
        assertThat(repo.findById(debate.id()).orElseThrow().status()).isEqualTo(DebateStatus.RUNNING);
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void aCancelRequestSurvivesAConcurrentNonTerminalWriteAndATerminalWriteClearsIt(StoreFactory stores) {
        DebateRepository repo = stores.create().debates();
        Debate debate = Fixtures.debate();
        repo.insert(debate);
        Debate running = repo.update(debate.start(T0));

        assertThat(repo.requestCancel(debate.id())).isTrue();
        Debate checkpointed = repo.update(running.checkpoint(1, T0.plusSeconds(1)));

        assertThat(checkpointed.cancelRequested()).isTrue();
        assertThat(repo.findById(debate.id()).orElseThrow().cancelRequested()).isTrue();
        Debate cancelled = repo.update(checkpointed.cancel(T0.plusSeconds(2)));
        assertThat(cancelled.cancelRequested()).isFalse();
        assertThat(repo.requestCancel(debate.id())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(StoreFactory.class)
    void pagesAreNewestFirstAndFilterByStatusAndLiteralText(StoreFactory stores) {
        DebateRepository repo = stores.create().debates();
        Debate a = Debate.create(
                DebateId.random(),
                null,
                new Prompt("Is 100% coverage worth it?"),
                DebateMode.DEBATE,
                Fixtures.debate().config(),
                T0);
        Debate b = Debate.create(
                DebateId.random(),
                null,
                new Prompt("Which snake_case style wins?"),
                DebateMode.DEBATE,
                Fixtures.debate().config(),
                T0.plusSeconds(1));
        Debate c = Debate.create(
                DebateId.random(),
                null,
                new Prompt("Plain question number three"),
                DebateMode.DEBATE,
                Fixtures.debate().config(),
                T0.plusSeconds(2));
        repo.insert(a);
        repo.insert(b);
        repo.insert(c);
        repo.update(c.cancel(T0.plusSeconds(3)));

        assertThat(repo.page(null, null, null, 10, 0).items())
                .extracting(Debate::id)
                .containsExactly(c.id(), b.id(), a.id());
        assertThat(repo.page(null, null, null, 2, 1).items())
                .extracting(Debate::id)
                .containsExactly(b.id(), a.id());
        assertThat(repo.page(null, null, null, 2, 1).total()).isEqualTo(3);
        assertThat(repo.page(null, DebateStatus.CANCELLED, null, 10, 0).items())
                .extracting(Debate::id)
                .containsExactly(c.id());
        assertThat(repo.page(null, null, "100%", 10, 0).items())
                .extracting(Debate::id)
                .containsExactly(a.id());
        assertThat(repo.page(null, null, "%", 10, 0).items())
                .extracting(Debate::id)
                .containsExactly(a.id());
        assertThat(repo.page(null, null, "E_C", 10, 0).items())
                .extracting(Debate::id)
                .containsExactly(b.id());
        assertThat(repo.page(null, null, "'; DROP TABLE debates; --", 10, 0).total())
                .isZero();
        assertThat(repo.page(new UserId(UUID.randomUUID()), null, null, 10, 0).total())
                .isZero();
    }
}
