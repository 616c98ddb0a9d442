package com.consultaion.application.port.out;

import com.consultaion.domain.Nullable;
import java.net.URI;
import java.util.Objects;

/**
 * Port out: an OpenID Connect provider (Google by default). The adapter speaks the protocol: the authorization
 * request with a fresh {@code state}, {@code nonce} and PKCE verifier, the code's redemption, and the ID token's
 * verification (signature against the provider's keys, issuer, audience, expiry, nonce).
 */
public interface IdentityProvider {

    /** The provider's name in the routes ({@code google}). */
    String name();

    /**
     * A new authorization request.
     *
     * @throws Unavailable when the provider's metadata cannot be read
     */
    Authorization authorize(URI redirectUri);

    /**
     * Redeems {@code code} and verifies the ID token it brings.
     *
     * @throws Rejected when the provider refuses the code or the ID token does not verify
     * @throws Unavailable when the provider cannot be reached
     */
    Identity redeem(String code, String codeVerifier, String nonce, URI redirectUri);

    /** Where to send the browser, and the secrets to check when it comes back. */
    record Authorization(URI url, String state, String nonce, String codeVerifier) {
        public Authorization {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(codeVerifier, "codeVerifier");
        }

        @Override
        public String toString() {
            return "Authorization[" + url.getHost() + "]"; // never the secrets
        }
    }

    /** Who the verified ID token says signed in. */
    record Identity(
            String issuer,
            String subject,
            @Nullable String email,
            boolean emailVerified,
            @Nullable String name) {
        public Identity {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(subject, "subject");
        }
    }

    /** The provider refused, or its answer does not verify. */
    final class Rejected extends RuntimeException {
        public Rejected(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    /** The provider could not be reached. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
