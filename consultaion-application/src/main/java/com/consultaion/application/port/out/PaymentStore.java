package com.consultaion.application.port.out;

import com.consultaion.domain.billing.Subscription;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port out: payment events received and the subscriptions they describe. Every call joins an enclosing
 * {@link Transactions} unit.
 */
public interface PaymentStore {

    /**
     * Records that an event arrived, unless it was recorded before; returns whether it is new. On PostgreSQL a
     * concurrent delivery of the same event waits here until the first one's transaction ends, so of two
     * deliveries exactly one is new (and if the first rolls back, the second is).
     */
    boolean claimEvent(String provider, String eventId, String type, Instant at);

    /** Notes what became of a claimed event ({@code applied}, {@code stale}, {@code ignored}). */
    void settleEvent(String provider, String eventId, String outcome);

    /** The outcome noted for an event, if it was recorded. */
    Optional<String> eventOutcome(String provider, String eventId);

    Optional<Subscription> subscription(String provider, String id);

    /** The account's subscriptions, most recently updated first. */
    List<Subscription> subscriptionsOf(UserId user);

    /** Inserts or replaces the subscription with its provider and id. */
    void save(Subscription subscription);
}
