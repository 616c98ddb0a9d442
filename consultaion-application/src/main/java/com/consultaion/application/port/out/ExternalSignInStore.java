package com.consultaion.application.port.out;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Port out: sign-in through an identity provider — the pending authorization requests (each taken once) and the
 * links between a provider's subjects and accounts. Shared by every node, so a sign-in started on one node can
 * finish on another. Every call joins an enclosing {@link Transactions} unit.
 */
public interface ExternalSignInStore {

    void saveChallenge(Challenge challenge);

    /**
     * Removes and returns the pending request with this state's hash, if it has not expired: a state is good for
     * one callback only, even when two arrive at once.
     */
    Optional<Challenge> takeChallenge(String stateHash, Instant now);

    /** Deletes pending requests that expired before {@code now}; returns how many. */
    int purgeChallenges(Instant now);

    /** The account linked to the provider's subject, if any. */
    Optional<UserId> linkedUser(String issuer, String subject);

    /** Links the provider's subject to the account (a subject links to one account, for good). */
    void link(String issuer, String subject, UserId user, Instant at);

    /**
     * A pending authorization request. The state is kept only as a hash; the browser that started it holds a
     * binding value whose hash must match.
     */
    record Challenge(
            String stateHash,
            String provider,
            String nonce,
            String codeVerifier,
            String bindingHash,
            @Nullable String next,
            Instant expiresAt) {
        public Challenge {
            Objects.requireNonNull(stateHash, "stateHash");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(codeVerifier, "codeVerifier");
            Objects.requireNonNull(bindingHash, "bindingHash");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "Challenge[" + provider + ", expires " + expiresAt + "]"; // never the secrets
        }
    }
}
