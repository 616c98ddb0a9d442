package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.SessionRepository;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Sessions and refresh tokens. */
public final class JdbiSessionRepository implements SessionRepository {
    private final Jdbi jdbi;

    public JdbiSessionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(UUID sessionId, UserId userId, byte[] firstTokenHash, Instant now, Instant expiresAt) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (:id, :user, :now, :exp)")
                    .bind("id", sessionId)
                    .bind("user", userId.value())
                    .bind("now", JdbiTimes.utc(now))
                    .bind("exp", JdbiTimes.utc(expiresAt))
                    .execute();
            h.createUpdate("INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES (:hash, :id, :now)")
                    .bind("hash", firstTokenHash)
                    .bind("id", sessionId)
                    .bind("now", JdbiTimes.utc(now))
                    .execute();
        });
    }

    @Override
    public Optional<RefreshToken> findRefresh(byte[] tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT s.id, s.user_id, r.rotated_at, s.revoked_at, s.expires_at "
                        + "FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE r.token_hash = :hash")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new RefreshToken(
                        rs.getObject("id", UUID.class),
                        new UserId(rs.getObject("user_id", UUID.class)),
                        JdbiTimes.instant(rs, "rotated_at"),
                        JdbiTimes.instant(rs, "revoked_at"),
                        JdbiTimes.instant(rs, "expires_at")))
                .findOne());
    }

    @Override
    public boolean rotate(byte[] oldHash, byte[] newHash, Instant now) {
        return jdbi.inTransaction(h -> {
            Optional<UUID> session = h.createQuery("UPDATE refresh_tokens SET rotated_at = :now "
                            + "WHERE token_hash = :hash AND rotated_at IS NULL RETURNING session_id")
                    .bind("now", JdbiTimes.utc(now))
                    .bind("hash", oldHash)
                    .mapTo(UUID.class)
                    .findOne();
            if (session.isEmpty()) {
                return false;
            }
            h.createUpdate("INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES (:hash, :id, :now)")
                    .bind("hash", newHash)
                    .bind("id", session.get())
                    .bind("now", JdbiTimes.utc(now))
                    .execute();
            return true;
        });
    }

    @Override
    public void revokeSession(UUID sessionId, Instant now) {
        jdbi.useHandle(
                h -> h.createUpdate("UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                        .bind("now", JdbiTimes.utc(now))
                        .bind("id", sessionId)
                        .execute());
    }

    @Override
    public void revokeAllForUser(UserId userId, Instant now) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE sessions SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                .bind("now", JdbiTimes.utc(now))
                .bind("user", userId.value())
                .execute());
    }

    @Override
    public boolean isActive(UUID sessionId, UserId userId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM sessions WHERE id = :id AND user_id = :user "
                                + "AND revoked_at IS NULL AND expires_at > :now")
                        .bind("id", sessionId)
                        .bind("user", userId.value())
                        .bind("now", JdbiTimes.utc(now))
                        .mapTo(Integer.class)
                        .one())
                == 1;
    }
}
