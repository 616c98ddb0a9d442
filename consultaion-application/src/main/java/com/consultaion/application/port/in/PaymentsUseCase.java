package com.consultaion.application.port.in;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.billing.CheckoutSession;
import com.consultaion.domain.billing.Subscription;
import com.consultaion.domain.debate.UserId;
import java.util.List;

/** Port in: paying for a plan through a payment provider, and the provider's events that follow. */
public interface PaymentsUseCase {

    /**
     * Starts a checkout for {@code plan} for the signed-in requester; audited {@code checkout_started}.
     *
     * @throws NotConfigured when no payment provider is configured
     * @throws com.consultaion.domain.ValidationException for a plan that does not exist or cannot be bought
     * @throws com.consultaion.domain.DomainException {@code billing.already_subscribed} when a subscription of
     *     the requester already grants that plan
     * @throws ProviderUnavailable when the provider cannot be reached
     */
    CheckoutSession checkout(Requester requester, String plan, ClientContext client);

    /**
     * Verifies and applies one event from {@code provider}, exactly once by its id.
     *
     * @throws UnknownProvider when no such provider is configured
     * @throws InvalidEvent when the signature does not verify
     */
    Receipt receive(String provider, byte[] payload, @Nullable String signature);

    /** The requester's subscriptions (their own; an admin may name another account). */
    List<Subscription> subscriptions(Requester requester, UserId account);

    /** What became of an event: {@code applied}, {@code stale}, {@code ignored} or {@code duplicate}. */
    record Receipt(String eventId, String outcome) {}

    /** No payment provider is configured. */
    final class NotConfigured extends RuntimeException {
        public NotConfigured() {
            super("Payments are not configured on this service.");
        }
    }

    /** The webhook's provider is not configured. */
    final class UnknownProvider extends RuntimeException {
        public UnknownProvider(String provider) {
            super("No payment provider '" + provider + "' is configured.");
        }
    }

    /** The event's signature or content did not verify. */
    final class InvalidEvent extends RuntimeException {
        public InvalidEvent(String message) {
            super(message);
        }
    }

    /** The provider could not be reached or refused. */
    final class ProviderUnavailable extends RuntimeException {
        public ProviderUnavailable(String message) {
            super(message);
        }
    }
}
