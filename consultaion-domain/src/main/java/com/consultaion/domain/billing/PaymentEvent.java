package com.consultaion.domain.billing;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * One verified event from a payment provider, in the terms the plan rules need. The adapter that verified its
 * signature maps the provider's own event types and fields onto this.
 *
 * @param id the provider's event id: each is applied at most once
 * @param type the provider's own event type, kept for the record
 * @param created when the provider created the event (orders late deliveries)
 * @param user the account the checkout or subscription was made for, when the event carries it
 * @param plan the plan it pays for, when the event carries it
 * @param status the subscription's status after the event, when the event carries it
 */
public record PaymentEvent(
        String id,
        Kind kind,
        String type,
        Instant created,
        @Nullable String subscriptionId,
        @Nullable String customerId,
        @Nullable UserId user,
        @Nullable String plan,
        @Nullable Subscription.Status status,
        @Nullable Instant periodEnd) {

    public PaymentEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(created, "created");
    }

    /** What happened, as far as plans are concerned. */
    public enum Kind {
        /** A checkout was paid: the subscription starts. */
        CHECKOUT_COMPLETED,
        /** The subscription was created or changed (status, plan, period). */
        SUBSCRIPTION_CHANGED,
        /** The subscription ended. */
        SUBSCRIPTION_ENDED,
        /** An invoice was paid: the subscription renews. */
        INVOICE_PAID,
        /** An invoice's payment failed. */
        PAYMENT_FAILED,
        /** Anything else: recorded, not applied. */
        OTHER
    }
}
