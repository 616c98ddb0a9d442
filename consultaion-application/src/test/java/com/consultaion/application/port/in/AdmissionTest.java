package com.consultaion.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Requests beyond the concurrency wait their turn; beyond the queue limit they are refused at once. */
@Timeout(60)
class AdmissionTest {

    @Test
    void anOpenBeyondTheConcurrencyWaitsForAPermit() throws Exception {
        Admission admission = new Admission(1, 10, Duration.ofMinutes(1));
        assertThat(admission.enter()).isTrue();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return admission.enter();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    executor);
            while (admission.waiting() == 0) {
                Thread.onSpinWait();
            }
            assertThat(second).isNotDone();
            admission.release();
            assertThat(second.get()).isTrue();
            assertThat(admission.inProgress()).isEqualTo(1);
        }
        assertThat(admission.refused()).isZero();
    }

    @Test
    void aFullQueueRefusesAtOnceAndAnExpiredWaitIsRefused() throws Exception {
        Admission noQueue = new Admission(1, 0, Duration.ofMinutes(1));
        assertThat(noQueue.enter()).isTrue();
        assertThat(noQueue.enter()).isFalse(); // no room to wait: refused without waiting a minute
        assertThat(noQueue.refused()).isEqualTo(1);

        Admission impatient = new Admission(1, 10, Duration.ZERO);
        assertThat(impatient.enter()).isTrue();
        assertThat(impatient.enter()).isFalse();
        assertThat(impatient.waiting()).isZero();
        impatient.release();
        assertThat(impatient.enter()).isTrue();
    }

    @Test
    void admitHoldsAPermitOnlyWhileTheWorkRuns() throws Exception {
        Admission admission = new Admission(1, 0, Duration.ofMinutes(1));
        assertThat(admission.admit(() -> admission.inProgress(), () -> -1)).isEqualTo(1);
        assertThat(admission.inProgress()).isZero();
        assertThat(admission.enter()).isTrue();
        assertThat(admission.admit(() -> "ran", () -> "refused")).isEqualTo("refused");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new Admission(0, 10, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Admission(1, -1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
