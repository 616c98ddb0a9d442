package com.consultaion.application.service;

import com.consultaion.application.port.in.AuthenticateQuery;
import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.application.port.out.SessionRepository;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.account.User;
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

    private final UserRepository users;
    private final SessionRepository sessions;
    private final ApiKeyRepository keys;
    private final com.consultaion.application.port.out.TeamRepository teams;
    private final Clock clock;

    public AuthenticationService(
            UserRepository users,
            SessionRepository sessions,
            ApiKeyRepository keys,
            com.consultaion.application.port.out.TeamRepository teams,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.keys = keys;
        this.teams = teams;
        this.clock = clock;
    }

    private java.util.Set<UUID> teamsOf(UserId user) {
        return teams.teamsOf(user).stream().map(m -> m.team().id()).collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public Optional<Principal> bySession(UserId userId, UUID sessionId) {
        if (!sessions.isActive(sessionId, userId, clock.instant())) {
            return Optional.empty();
        }
        return users.findById(userId)
                .filter(User::canSignIn)
                .map(u -> new Principal(u.id(), u.admin(), sessionId, teamsOf(u.id())));
    }

    @Override
    public Optional<Principal> byApiKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        byte[] hash = Secrets.sha256(key);
        for (ApiKeyRepository.ApiKey stored : keys.findByPrefix(key.substring(0, ApiKeyService.PREFIX_LENGTH))) {
            if (MessageDigest.isEqual(stored.hash(), hash) && stored.usableAt(now)) {
                Optional<User> user = users.findById(stored.userId()).filter(User::canSignIn);
                if (user.isEmpty()) {
                    return Optional.empty();
                }
                if (stored.lastUsedAt() == null
                        || stored.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
                    keys.touch(stored.id(), now);
                }
                return Optional.of(new Principal(
                        user.get().id(),
                        user.get().admin(),
                        null,
                        teamsOf(user.get().id())));
            }
        }
        return Optional.empty();
    }
}
