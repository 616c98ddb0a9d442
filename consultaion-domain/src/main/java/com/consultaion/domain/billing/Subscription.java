package com.consultaion.domain.billing;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An account's subscription at a payment provider, as the provider's events have told it: which plan it pays for,
 * its status, and the creation time of the last event applied ({@code lastEventAt}), so an older event delivered
 * late never undoes a newer one.
 */
public record Subscription(
        String provider,
        String id,
        UserId user,
        String plan,
        Status status,
        @Nullable String customerId,
        @Nullable Instant currentPeriodEnd,
        Instant lastEventAt,
        Instant updatedAt) {

    public Subscription {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastEventAt, "lastEventAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The provider's subscription states, reduced to what decides the plan. */
    public enum Status {
        /** Paid up (or in a trial): the plan applies. */
        ACTIVE,
        /** A renewal payment failed; the provider retries it. The plan still applies meanwhile. */
        PAST_DUE,
        /** Created, its first payment not made yet: the plan does not apply yet. */
        INCOMPLETE,
        /** Ended (cancelled, unpaid, or never paid): the account is back on the default plan. */
        CANCELED;

        /** Whether the account has the subscription's plan in this state. */
        public boolean grantsPlan() {
            return this == ACTIVE || this == PAST_DUE;
        }

        /** The wire name (lower case). */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
