package com.consultaion.application.port.out;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Port out: who is behind a credential — the user and the teams they belong to — for authentication, which every
 * request needs, so a store answers each question in one round trip. {@link #composed} answers them from the
 * separate repositories (one read each), for stores whose reads cost nothing.
 */
public interface IdentityStore {

    /** The API keys with this public prefix (usually one), each with its holder. */
    List<KeyHolder> keysByPrefix(String prefix);

    /** The holder of the session when it belongs to {@code userId}, is not revoked and has not expired at {@code now}. */
    Optional<Identity> sessionHolder(UUID sessionId, UserId userId, Instant now);

    /** A user and the ids of the teams they are a member of. */
    record Identity(User user, Set<UUID> teams) {
        public Identity {
            teams = Set.copyOf(teams);
        }
    }

    /** A stored key and its holder (absent only if the user row is gone). */
    record KeyHolder(ApiKeyRepository.ApiKey key, @Nullable Identity holder) {}

    static IdentityStore composed(
            UserRepository users, SessionRepository sessions, ApiKeyRepository keys, TeamRepository teams) {
        return new IdentityStore() {
            private Optional<Identity> identity(UserId id) {
                return users.findById(id)
                        .map(u -> new Identity(
                                u,
                                teams.teamsOf(id).stream()
                                        .map(m -> m.team().id())
                                        .collect(Collectors.toSet())));
            }

            @Override
            public List<KeyHolder> keysByPrefix(String prefix) {
                return keys.findByPrefix(prefix).stream()
                        .map(k -> new KeyHolder(k, identity(k.userId()).orElse(null)))
                        .toList();
            }

            @Override
            public Optional<Identity> sessionHolder(UUID sessionId, UserId userId, Instant now) {
                return sessions.isActive(sessionId, userId, now) ? identity(userId) : Optional.empty();
            }
        };
    }
}
