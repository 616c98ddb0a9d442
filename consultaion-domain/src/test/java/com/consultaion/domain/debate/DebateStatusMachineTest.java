package com.consultaion.domain.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.domain.Property;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class DebateStatusMachineTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static Debate queued() {
        return Debate.create(
                DebateId.random(),
                new UserId(UUID.randomUUID()),
                new Prompt("A question of some length"),
                DebateMode.DEBATE,
                DebateConfig.defaults("local"),
                T);
    }

    /** Every transition, and the states it may start from. */
    private static final Map<String, BiFunction<Debate, Instant, Debate>> ACTIONS = Map.of(
            "start", Debate::start,
            "takeOver", Debate::takeOver,
            "complete", (d, t) -> d.complete("answer", t),
            "warn", (d, t) -> d.completeWithWarnings("answer", "budget_exhausted", "x", t),
            "fail", (d, t) -> d.fail("quorum_lost", "x", t),
            "cancel", Debate::cancel,
            "requestCancel", Debate::requestCancel,
            "retry", Debate::retry);

    private static final Map<String, Set<DebateStatus>> ALLOWED = Map.of(
            "start", EnumSet.of(DebateStatus.QUEUED),
            "takeOver", EnumSet.of(DebateStatus.RUNNING),
            "complete", EnumSet.of(DebateStatus.RUNNING),
            "warn", EnumSet.of(DebateStatus.RUNNING),
            "fail", EnumSet.of(DebateStatus.RUNNING),
            "cancel", EnumSet.of(DebateStatus.QUEUED, DebateStatus.RUNNING),
            "requestCancel", EnumSet.of(DebateStatus.QUEUED, DebateStatus.RUNNING),
            "retry", EnumSet.of(DebateStatus.FAILED));

    @Test
    void noSequenceOfCallsReachesAnIllegalState() {
        String[] names = ACTIONS.keySet().toArray(String[]::new);
        Property.forAll(42, 2000, random -> {
            Debate debate = queued();
            for (int step = 0; step < 12; step++) {
                String action = names[random.nextInt(names.length)];
                DebateStatus before = debate.status();
                if (ALLOWED.get(action).contains(before)) {
                    Debate after = ACTIONS.get(action).apply(debate, T.plusSeconds(step));
                    assertThat(after.id()).isEqualTo(debate.id());
                    if (after.status().isTerminal()) {
                        assertThat(after.cancelRequested()).isFalse();
                    }
                    if (after.status() == DebateStatus.COMPLETED) {
                        assertThat(after.finalContent()).isPresent();
                    }
                    if (after.status() == DebateStatus.FAILED) {
                        assertThat(after.reason()).isPresent();
                    }
                    debate = after;
                } else {
                    Debate current = debate;
                    assertThatThrownBy(() -> ACTIONS.get(action).apply(current, T))
                            .isInstanceOf(IllegalTransitionException.class);
                }
            }
        });
    }

    @Test
    void aCompletedDebateNeverChangesAgain() {
        Debate done = queued().start(T).complete("answer", T);
        for (String action : ACTIONS.keySet()) {
            assertThatThrownBy(() -> ACTIONS.get(action).apply(done, T))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("completed");
        }
    }

    @Test
    void aRetriedDebateResumesAtItsCheckpoint() {
        Debate failed = queued().start(T).checkpoint(2, T).fail("quorum_lost", "x", T);

        Debate retried = failed.retry(T);

        assertThat(retried.status()).isEqualTo(DebateStatus.QUEUED);
        assertThat(retried.nextStage()).isEqualTo(2);
        assertThat(retried.reason()).isEmpty();
    }

    @Test
    void checkpointsOnlyMoveForward() {
        Debate running = queued().start(T).checkpoint(1, T);
        assertThatThrownBy(() -> running.checkpoint(1, T)).isInstanceOf(IllegalArgumentException.class);
    }
}
