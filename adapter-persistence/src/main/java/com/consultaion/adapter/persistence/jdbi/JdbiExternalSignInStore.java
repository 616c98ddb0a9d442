package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.ExternalSignInStore;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Pending sign-ins and provider links in PostgreSQL; a state is taken with {@code DELETE … RETURNING}. */
public final class JdbiExternalSignInStore implements ExternalSignInStore {

    private final Jdbi jdbi;

    public JdbiExternalSignInStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void saveChallenge(Challenge c) {
        jdbi.useHandle(
                h -> h.createUpdate("INSERT INTO sign_in_challenges (state_hash, provider, nonce, code_verifier, "
                                + "binding_hash, next, expires_at) VALUES (:state, :provider, :nonce, :verifier, :binding, :next, "
                                + ":expires)")
                        .bind("state", c.stateHash())
                        .bind("provider", c.provider())
                        .bind("nonce", c.nonce())
                        .bind("verifier", c.codeVerifier())
                        .bind("binding", c.bindingHash())
                        .bind("next", c.next())
                        .bind("expires", JdbiTimes.utc(c.expiresAt()))
                        .execute());
    }

    @Override
    public Optional<Challenge> takeChallenge(String stateHash, Instant now) {
        // One statement: of two concurrent callbacks with the same state, one deletes the row, the other finds none.
        return jdbi.withHandle(h -> h.createQuery("DELETE FROM sign_in_challenges WHERE state_hash = :state "
                        + "RETURNING state_hash, provider, nonce, code_verifier, binding_hash, next, expires_at")
                .bind("state", stateHash)
                .map((rs, ctx) -> new Challenge(
                        rs.getString("state_hash"),
                        rs.getString("provider"),
                        rs.getString("nonce"),
                        rs.getString("code_verifier"),
                        rs.getString("binding_hash"),
                        rs.getString("next"),
                        JdbiTimes.instant(rs, "expires_at")))
                .findOne()
                .filter(c -> c.expiresAt().isAfter(now)));
    }

    @Override
    public int purgeChallenges(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sign_in_challenges WHERE expires_at <= :now")
                .bind("now", JdbiTimes.utc(now))
                .execute());
    }

    @Override
    public Optional<UserId> linkedUser(String issuer, String subject) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT user_id FROM external_identities WHERE issuer = :issuer AND subject = :subject")
                .bind("issuer", issuer)
                .bind("subject", subject)
                .mapTo(UUID.class)
                .findOne()
                .map(UserId::new));
    }

    @Override
    public void link(String issuer, String subject, UserId user, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO external_identities (issuer, subject, user_id, linked_at) "
                        + "VALUES (:issuer, :subject, :user, :at) ON CONFLICT DO NOTHING")
                .bind("issuer", issuer)
                .bind("subject", subject)
                .bind("user", user.value())
                .bind("at", JdbiTimes.utc(at))
                .execute());
    }
}
