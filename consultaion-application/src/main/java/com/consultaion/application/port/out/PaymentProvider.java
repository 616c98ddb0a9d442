package com.consultaion.application.port.out;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.billing.CheckoutSession;
import com.consultaion.domain.billing.PaymentEvent;
import com.consultaion.domain.debate.UserId;
import java.util.Set;

/**
 * Port out: a payment provider. It takes the payment on its own pages (no card data reaches this service) and
 * reports what happened through signed events, which {@link #verify} checks and translates.
 */
public interface PaymentProvider {

    /** The provider's name, as in its webhook's path ({@code stripe}). */
    String name();

    /** The plans it has a price for. */
    Set<String> plans();

    /**
     * Starts a subscription checkout for {@code plan}.
     *
     * @throws Unavailable when the provider cannot be reached or refuses
     */
    CheckoutSession checkout(UserId user, @Nullable String email, String plan);

    /**
     * Verifies an event's signature over the exact bytes received and translates it.
     *
     * @throws InvalidEvent when the signature is missing, wrong or too old, or the payload is not an event
     */
    PaymentEvent verify(byte[] payload, @Nullable String signature);

    /** The event cannot be trusted or read. */
    final class InvalidEvent extends RuntimeException {
        public InvalidEvent(String message) {
            super(message);
        }
    }

    /** The provider could not be reached, or refused the request. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
