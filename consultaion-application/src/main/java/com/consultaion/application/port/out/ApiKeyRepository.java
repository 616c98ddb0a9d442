package com.consultaion.application.port.out;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port out: API keys, stored as a public prefix plus a hash of the whole key. */
public interface ApiKeyRepository {

    void insert(ApiKey key);

    /** Keys whose prefix matches (usually one). */
    List<ApiKey> findByPrefix(String prefix);

    List<ApiKey> listForUser(UserId userId);

    /** True when the user's key existed and was not revoked before. */
    boolean revoke(UUID id, UserId userId, Instant now);

    void revokeAllForUser(UserId userId, Instant now);

    void touch(UUID id, Instant now);

    /**
     * A stored key: never the secret, only its hash. The hash is an array on purpose (it is compared in constant
     * time by the service, never through the record's equals).
     */
    @SuppressWarnings("ArrayRecordComponent")
    record ApiKey(
            UUID id,
            UserId userId,
            String name,
            String prefix,
            byte[] hash,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {

        public boolean usableAt(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }
}
