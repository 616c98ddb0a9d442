package com.consultaion.application.service;

import com.consultaion.application.port.in.ApiKeyUseCases;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.domain.Texts;
import com.consultaion.domain.Violations;
import com.consultaion.domain.debate.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Use cases of API keys: {@code pk_} + 43 URL-safe random characters, stored as prefix + SHA-256. */
public final class ApiKeyService implements ApiKeyUseCases {

    public static final int PREFIX_LENGTH = 12;
    public static final int MAX_KEYS_PER_USER = 50;

    private final ApiKeyRepository keys;
    private final AuditTrail audit;
    private final Clock clock;

    public ApiKeyService(ApiKeyRepository keys, AuditTrail audit, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Created create(UserId userId, String name, Instant expiresAt, ClientContext client) {
        Instant now = clock.instant();
        String trimmed = name == null ? "" : name.strip();
        Violations v = new Violations();
        v.check(
                !trimmed.isEmpty() && trimmed.length() <= 100 && Texts.clean(trimmed),
                "name",
                "name.invalid",
                "must have 1-100 characters and no control characters");
        v.check(expiresAt == null || expiresAt.isAfter(now), "expires_at", "expires_at.past", "must be in the future");
        v.check(
                keys.listForUser(userId).stream()
                                .filter(k -> k.revokedAt() == null)
                                .count()
                        < MAX_KEYS_PER_USER,
                "name",
                "keys.too_many",
                "at most " + MAX_KEYS_PER_USER + " active keys per user");
        v.throwIfAny();
        String secret = "pk_" + Secrets.token(32); // 32 bytes → 43 characters
        ApiKeyRepository.ApiKey key = new ApiKeyRepository.ApiKey(
                UUID.randomUUID(),
                userId,
                trimmed,
                secret.substring(0, PREFIX_LENGTH),
                Secrets.sha256(secret),
                now,
                expiresAt,
                null,
                null);
        keys.insert(key);
        audit.record(new AuditTrail.Entry(
                now,
                userId,
                "api_key_created",
                "api_key",
                key.id().toString(),
                client.ip(),
                client.requestId(),
                Map.of("prefix", key.prefix())));
        return new Created(info(key), secret);
    }

    @Override
    public List<KeyInfo> list(UserId userId) {
        return keys.listForUser(userId).stream().map(ApiKeyService::info).toList();
    }

    @Override
    public boolean revoke(UserId userId, UUID keyId, ClientContext client) {
        Instant now = clock.instant();
        boolean revoked = keys.revoke(keyId, userId, now);
        if (revoked) {
            audit.record(new AuditTrail.Entry(
                    now,
                    userId,
                    "api_key_revoked",
                    "api_key",
                    keyId.toString(),
                    client.ip(),
                    client.requestId(),
                    Map.of()));
        }
        return revoked;
    }

    static KeyInfo info(ApiKeyRepository.ApiKey k) {
        return new KeyInfo(
                k.id(), k.name(), k.prefix(), k.createdAt(), k.expiresAt(), k.lastUsedAt(), k.revokedAt() != null);
    }
}
