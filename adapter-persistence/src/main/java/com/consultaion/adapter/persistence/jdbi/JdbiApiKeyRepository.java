package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.domain.debate.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** API keys. */
public final class JdbiApiKeyRepository implements ApiKeyRepository {
    static final String COLUMNS =
            "id, user_id, name, prefix, key_hash, created_at, expires_at, last_used_at, revoked_at";
    private final Jdbi jdbi;

    public JdbiApiKeyRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(ApiKey k) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_keys (" + COLUMNS + ") VALUES (:id, :user, :name, :prefix, "
                        + ":hash, :created, :expires, :lastUsed, :revoked)")
                .bind("id", k.id())
                .bind("user", k.userId().value())
                .bind("name", k.name())
                .bind("prefix", k.prefix())
                .bind("hash", k.hash())
                .bind("created", JdbiTimes.utc(k.createdAt()))
                .bind("expires", JdbiTimes.utc(k.expiresAt()))
                .bind("lastUsed", JdbiTimes.utc(k.lastUsedAt()))
                .bind("revoked", JdbiTimes.utc(k.revokedAt()))
                .execute());
    }

    @Override
    public List<ApiKey> findByPrefix(String prefix) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE prefix = :prefix")
                .bind("prefix", prefix)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    @Override
    public List<ApiKey> listForUser(UserId userId) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = :user ORDER BY created_at, id")
                        .bind("user", userId.value())
                        .map((rs, ctx) -> read(rs))
                        .list());
    }

    @Override
    public boolean revoke(UUID id, UserId userId, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE api_keys SET revoked_at = :now "
                                + "WHERE id = :id AND user_id = :user AND revoked_at IS NULL")
                        .bind("now", JdbiTimes.utc(now))
                        .bind("id", id)
                        .bind("user", userId.value())
                        .execute())
                == 1;
    }

    @Override
    public void revokeAllForUser(UserId userId, Instant now) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE api_keys SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                .bind("now", JdbiTimes.utc(now))
                .bind("user", userId.value())
                .execute());
    }

    @Override
    public void touch(UUID id, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET last_used_at = :now WHERE id = :id")
                .bind("now", JdbiTimes.utc(now))
                .bind("id", id)
                .execute());
    }

    private static ApiKey read(ResultSet rs) throws SQLException {
        return read(rs, "");
    }

    /** A key from columns named with {@code prefix} (as {@link Identities} selects them next to a user's). */
    static ApiKey read(ResultSet rs, String prefix) throws SQLException {
        return new ApiKey(
                rs.getObject(prefix + "id", UUID.class),
                new UserId(rs.getObject(prefix + "user_id", UUID.class)),
                rs.getString(prefix + "name"),
                rs.getString(prefix + "prefix"),
                rs.getBytes(prefix + "key_hash"),
                JdbiTimes.instant(rs, prefix + "created_at"),
                JdbiTimes.instant(rs, prefix + "expires_at"),
                JdbiTimes.instant(rs, prefix + "last_used_at"),
                JdbiTimes.instant(rs, prefix + "revoked_at"));
    }
}
