package com.consultaion.domain.account;

import com.consultaion.domain.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Progressive lock-out after failed sign-ins, per e-mail address (known or not, so the lock-out itself does not
 * reveal which addresses have accounts): 5 failures lock for 15 minutes, 10 for an hour, 20 for a day. A
 * success resets the count.
 */
public final class LoginThrottle {

    private LoginThrottle() {}

    /** The lock to apply after the {@code failures}-th consecutive failure, if any. */
    public static Optional<Duration> lockAfter(int failures) {
        if (failures >= 20) {
            return Optional.of(Duration.ofHours(24));
        }
        if (failures >= 10) {
            return Optional.of(Duration.ofHours(1));
        }
        if (failures >= 5) {
            return Optional.of(Duration.ofMinutes(15));
        }
        return Optional.empty();
    }

    /** The state of one address: consecutive failures and the end of its current lock. */
    public record Attempts(int failures, @Nullable Instant lockedUntil) {
        public static final Attempts NONE = new Attempts(0, null);

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }

        public Attempts failed(Instant now) {
            int next = failures + 1;
            return new Attempts(next, lockAfter(next).map(now::plus).orElse(lockedUntil));
        }
    }
}
