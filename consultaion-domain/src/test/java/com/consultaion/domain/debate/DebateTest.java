package com.consultaion.domain.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The aggregate's changes besides its status machine: category, sharing, event numbers, versions, erasure. */
class DebateTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER = T.plusSeconds(60);
    private static final UserId OWNER = new UserId(UUID.randomUUID());

    private static Debate queued() {
        return Debate.create(
                DebateId.random(),
                OWNER,
                new Prompt("A question of some length"),
                DebateMode.DEBATE,
                DebateConfig.defaults("local"),
                T);
    }

    @Test
    void aNewDebateIsQueuedWithNothingCommitted() {
        Debate d = queued();

        assertThat(d.status()).isEqualTo(DebateStatus.QUEUED);
        assertThat(d.ownerId()).contains(OWNER);
        assertThat(d.mode()).isEqualTo(DebateMode.DEBATE);
        assertThat(d.config()).isEqualTo(DebateConfig.defaults("local"));
        assertThat(d.nextStage()).isZero();
        assertThat(d.lastSeq()).isZero();
        assertThat(d.version()).isZero();
        assertThat(d.createdAt()).isEqualTo(T);
        assertThat(d.updatedAt()).isEqualTo(T);
        assertThat(d.teamId()).isEmpty();
        assertThat(d.category()).isEmpty();
        assertThat(d.finalContent()).isEmpty();
        assertThat(d.cancelRequested()).isFalse();
        assertThat(d.toString()).contains(d.id().toString(), "queued");
    }

    @Test
    void aCategoryIsNormalisedAndOnlySetBeforeTheFirstEvent() {
        assertThat(queued().categorized("  Public   Policy ").category()).contains("public policy");
        assertThat(queued().categorized("   ").category()).isEmpty();

        assertThatThrownBy(() -> queued().recordEvents(1).categorized("x"))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> queued().start(T).categorized("x")).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void sharingSetsAndClearsTheTeamAndTouchesTheDebate() {
        UUID team = UUID.randomUUID();

        Debate shared = queued().sharedWith(team, LATER);
        assertThat(shared.teamId()).contains(team);
        assertThat(shared.updatedAt()).isEqualTo(LATER);

        assertThat(shared.sharedWith(null, LATER).teamId()).isEmpty();
    }

    @Test
    void eventNumbersAreReservedAfterTheLastOne() {
        assertThat(queued().recordEvents(3).recordEvents(2).lastSeq()).isEqualTo(5);
        assertThat(queued().recordEvents(0).lastSeq()).isZero();
        assertThatThrownBy(() -> queued().recordEvents(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStoredCopyCarriesTheStoredFlagAndVersionAndNothingElseChanges() {
        Debate d = queued().start(T).checkpoint(2, T);

        Debate stored = d.asStored(true, 7);
        assertThat(stored.cancelRequested()).isTrue();
        assertThat(stored.version()).isEqualTo(7);
        assertThat(stored.withVersion(8).version()).isEqualTo(8);
        assertThat(stored.withVersion(8).cancelRequested()).isTrue();
        assertThat(stored.nextStage()).isEqualTo(2);
        assertThat(stored.status()).isEqualTo(DebateStatus.RUNNING);
    }

    @Test
    void erasureReplacesThePromptAndTheAnswerButKeepsTheRecord() {
        Debate done = queued().start(T).complete("the answer", T);

        Debate erased = done.anonymise(LATER);
        assertThat(erased.prompt().text()).isEqualTo("[deleted by retention or on request]");
        assertThat(erased.finalContent()).contains("[deleted]");
        assertThat(erased.status()).isEqualTo(DebateStatus.COMPLETED);
        assertThat(erased.updatedAt()).isEqualTo(LATER);
        assertThat(erased.id()).isEqualTo(done.id());

        assertThat(queued().anonymise(LATER).finalContent()).isEmpty();
    }

    @Test
    void aReconstitutedDebateIsTheStoredOne() {
        UUID team = UUID.randomUUID();
        Debate d = Debate.reconstitute(
                DebateId.random(),
                OWNER,
                team,
                new Prompt("A question of some length"),
                DebateMode.DEBATE,
                DebateConfig.defaults("local"),
                DebateStatus.FAILED,
                3,
                12,
                null,
                "quorum_lost",
                "2 of 3 agents failed",
                false,
                T,
                LATER,
                4,
                "science");

        assertThat(d.teamId()).contains(team);
        assertThat(d.reason()).contains("quorum_lost");
        assertThat(d.detail()).contains("2 of 3 agents failed");
        assertThat(d.lastSeq()).isEqualTo(12);
        assertThat(d.version()).isEqualTo(4);
        assertThat(d.category()).contains("science");
        assertThat(d.retry(LATER).nextStage()).isEqualTo(3);
    }
}
