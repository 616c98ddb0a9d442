package com.consultaion.application.port.out;

import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Port out: sign-in sessions and their rotating refresh tokens (stored only as hashes). A session is one
 * family of refresh tokens; revoking it ends every token of the family and the access tokens that name it.
 */
public interface SessionRepository {

    void create(UUID sessionId, UserId userId, byte[] firstTokenHash, Instant now, Instant expiresAt);

    Optional<RefreshToken> findRefresh(byte[] tokenHash);

    /** Marks {@code oldHash} used and stores {@code newHash}; false if it had been used already (a race or reuse). */
    boolean rotate(byte[] oldHash, byte[] newHash, Instant now);

    void revokeSession(UUID sessionId, Instant now);

    void revokeAllForUser(UserId userId, Instant now);

    boolean isActive(UUID sessionId, UserId userId, Instant now);

    /** A stored refresh token with the state of its session. */
    record RefreshToken(
            UUID sessionId, UserId userId, Instant rotatedAt, Instant sessionRevokedAt, Instant expiresAt) {}
}
