package com.consultaion.application.service;

import com.consultaion.application.port.in.AuthenticateQuery;
import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.application.port.out.IdentityStore;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.UserId;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Resolves sessions and API keys to principals, rejecting disabled or deleted users and revoked credentials. */
public final class AuthenticationService implements AuthenticateQuery {

    private static final Pattern KEY = Pattern.compile("pk_[A-Za-z0-9_-]{43}");
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final IdentityStore identities;
    private final ApiKeyRepository keys;
    private final Clock clock;

    /** Each credential is checked with one store read (its holder and their teams come with it). */
    public AuthenticationService(IdentityStore identities, ApiKeyRepository keys, Clock clock) {
        this.identities = identities;
        this.keys = keys;
        this.clock = clock;
    }

    private static Principal principal(IdentityStore.Identity holder, @Nullable UUID sessionId) {
        return new Principal(holder.user().id(), holder.user().admin(), sessionId, holder.teams());
    }

    @Override
    public Optional<Principal> bySession(UserId userId, UUID sessionId) {
        return identities
                .sessionHolder(sessionId, userId, clock.instant())
                .filter(h -> h.user().canSignIn())
                .map(h -> principal(h, sessionId));
    }

    @Override
    public Optional<Principal> byApiKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        byte[] hash = Secrets.sha256(key);
        for (IdentityStore.KeyHolder found : identities.keysByPrefix(key.substring(0, ApiKeyService.PREFIX_LENGTH))) {
            ApiKeyRepository.ApiKey stored = found.key();
            if (MessageDigest.isEqual(stored.hash(), hash) && stored.usableAt(now)) {
                IdentityStore.Identity holder = found.holder();
                if (holder == null || !holder.user().canSignIn()) {
                    return Optional.empty();
                }
                if (stored.lastUsedAt() == null
                        || stored.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
                    keys.touch(stored.id(), now);
                }
                return Optional.of(principal(holder, null));
            }
        }
        return Optional.empty();
    }
}
