package com.consultaion.application.port.in;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Use cases: create, list and revoke API keys. The secret is returned once, at creation. */
public interface ApiKeyUseCases {

    Created create(UserId userId, String name, Instant expiresAt, ClientContext client);

    List<KeyInfo> list(UserId userId);

    /** False when the user has no such key (someone else's key looks the same: not found). */
    boolean revoke(UserId userId, UUID keyId, ClientContext client);

    /** A new key and its secret. */
    record Created(KeyInfo key, String secret) {}

    /** What can be shown about a key at any time. */
    record KeyInfo(
            UUID id,
            String name,
            String prefix,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt,
            boolean revoked) {}
}
