package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** API keys. */
public final class InMemoryApiKeyRepository implements ApiKeyRepository {
    private final InMemoryDatabase db;
    private final Map<UUID, ApiKey> keys = new HashMap<>();

    public InMemoryApiKeyRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void insert(ApiKey key) {
        db.write(() -> {
            keys.put(key.id(), key);
            return () -> keys.remove(key.id());
        });
    }

    @Override
    public List<ApiKey> findByPrefix(String prefix) {
        return db.read(() ->
                keys.values().stream().filter(k -> k.prefix().equals(prefix)).toList());
    }

    @Override
    public List<ApiKey> listForUser(UserId userId) {
        return db.read(() -> keys.values().stream()
                .filter(k -> k.userId().equals(userId))
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id))
                .toList());
    }

    @Override
    public boolean revoke(UUID id, UserId userId, Instant now) {
        boolean[] done = new boolean[1];
        db.write(() -> {
            ApiKey old = keys.get(id);
            if (old == null || !old.userId().equals(userId) || old.revokedAt() != null) {
                return () -> {};
            }
            keys.put(id, with(old, old.lastUsedAt(), now));
            done[0] = true;
            return () -> keys.put(id, old);
        });
        return done[0];
    }

    @Override
    public void revokeAllForUser(UserId userId, Instant now) {
        List<UUID> ids = listForUser(userId).stream().map(ApiKey::id).toList();
        ids.forEach(id -> revoke(id, userId, now));
    }

    @Override
    public void touch(UUID id, Instant now) {
        db.write(() -> {
            ApiKey old = keys.get(id);
            if (old == null) {
                return () -> {};
            }
            keys.put(id, with(old, now, old.revokedAt()));
            return () -> keys.put(id, old);
        });
    }

    private static ApiKey with(ApiKey k, Instant lastUsed, Instant revoked) {
        return new ApiKey(
                k.id(), k.userId(), k.name(), k.prefix(), k.hash(), k.createdAt(), k.expiresAt(), lastUsed, revoked);
    }
}
