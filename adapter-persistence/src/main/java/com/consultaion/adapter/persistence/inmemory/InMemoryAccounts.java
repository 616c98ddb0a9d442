package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.LoginAttempts;
import com.consultaion.application.port.out.SessionRepository;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.account.Email;
import com.consultaion.domain.account.LoginThrottle;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The account stores in memory, with the same rules as PostgreSQL (unique e-mails, single-use refresh tokens). */
public final class InMemoryAccounts {

    private InMemoryAccounts() {}

    /** Users. */
    public static final class Users implements UserRepository {
        private final InMemoryDatabase db;
        private final Map<UserId, User> users = new HashMap<>();

        public Users(InMemoryDatabase db) {
            this.db = db;
        }

        @Override
        public void insert(User user) {
            db.write(() -> {
                if (users.values().stream().anyMatch(u -> u.email().equals(user.email()))) {
                    throw new EmailTakenException();
                }
                users.put(user.id(), user);
                return () -> users.remove(user.id());
            });
        }

        @Override
        public Optional<User> findById(UserId id) {
            return db.read(() -> Optional.ofNullable(users.get(id)));
        }

        @Override
        public Optional<User> findByEmail(Email email) {
            return db.read(() ->
                    users.values().stream().filter(u -> u.email().equals(email)).findFirst());
        }

        @Override
        public void update(User user) {
            db.write(() -> {
                User old = users.put(user.id(), user);
                return () -> users.put(user.id(), old);
            });
        }
    }

    /** Sessions and refresh tokens. */
    public static final class Sessions implements SessionRepository {
        private record Session(UserId userId, Instant expiresAt, Instant revokedAt) {}

        private record Token(UUID sessionId, Instant rotatedAt) {}

        private final InMemoryDatabase db;
        private final Map<UUID, Session> sessions = new HashMap<>();
        private final Map<ByteBuffer, Token> tokens = new HashMap<>();

        public Sessions(InMemoryDatabase db) {
            this.db = db;
        }

        @Override
        public void create(UUID sessionId, UserId userId, byte[] firstTokenHash, Instant now, Instant expiresAt) {
            db.write(() -> {
                sessions.put(sessionId, new Session(userId, expiresAt, null));
                tokens.put(ByteBuffer.wrap(firstTokenHash.clone()), new Token(sessionId, null));
                return () -> {
                    sessions.remove(sessionId);
                    tokens.remove(ByteBuffer.wrap(firstTokenHash));
                };
            });
        }

        @Override
        public Optional<RefreshToken> findRefresh(byte[] tokenHash) {
            return db.read(() -> Optional.ofNullable(tokens.get(ByteBuffer.wrap(tokenHash)))
                    .map(t -> {
                        Session s = sessions.get(t.sessionId());
                        return new RefreshToken(t.sessionId(), s.userId(), t.rotatedAt(), s.revokedAt(), s.expiresAt());
                    }));
        }

        @Override
        public boolean rotate(byte[] oldHash, byte[] newHash, Instant now) {
            boolean[] done = new boolean[1];
            db.write(() -> {
                ByteBuffer key = ByteBuffer.wrap(oldHash.clone());
                Token old = tokens.get(key);
                if (old == null || old.rotatedAt() != null) {
                    return () -> {};
                }
                tokens.put(key, new Token(old.sessionId(), now));
                tokens.put(ByteBuffer.wrap(newHash.clone()), new Token(old.sessionId(), null));
                done[0] = true;
                return () -> {
                    tokens.put(key, old);
                    tokens.remove(ByteBuffer.wrap(newHash));
                };
            });
            return done[0];
        }

        @Override
        public void revokeSession(UUID sessionId, Instant now) {
            db.write(() -> {
                Session old = sessions.get(sessionId);
                if (old == null || old.revokedAt() != null) {
                    return () -> {};
                }
                sessions.put(sessionId, new Session(old.userId(), old.expiresAt(), now));
                return () -> sessions.put(sessionId, old);
            });
        }

        @Override
        public void revokeAllForUser(UserId userId, Instant now) {
            db.write(() -> {
                Map<UUID, Session> before = new HashMap<>(sessions);
                sessions.replaceAll((id, s) -> s.userId().equals(userId) && s.revokedAt() == null
                        ? new Session(s.userId(), s.expiresAt(), now)
                        : s);
                return () -> {
                    sessions.clear();
                    sessions.putAll(before);
                };
            });
        }

        @Override
        public boolean isActive(UUID sessionId, UserId userId, Instant now) {
            return db.read(() -> {
                Session s = sessions.get(sessionId);
                return s != null
                        && s.userId().equals(userId)
                        && s.revokedAt() == null
                        && s.expiresAt().isAfter(now);
            });
        }
    }

    /** API keys. */
    public static final class ApiKeys implements ApiKeyRepository {
        private final InMemoryDatabase db;
        private final Map<UUID, ApiKey> keys = new HashMap<>();

        public ApiKeys(InMemoryDatabase db) {
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
            return db.read(() -> keys.values().stream()
                    .filter(k -> k.prefix().equals(prefix))
                    .toList());
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
                    k.id(),
                    k.userId(),
                    k.name(),
                    k.prefix(),
                    k.hash(),
                    k.createdAt(),
                    k.expiresAt(),
                    lastUsed,
                    revoked);
        }
    }

    /** Failed sign-ins. */
    public static final class Attempts implements LoginAttempts {
        private final InMemoryDatabase db;
        private final Map<String, LoginThrottle.Attempts> attempts = new HashMap<>();

        public Attempts(InMemoryDatabase db) {
            this.db = db;
        }

        @Override
        public LoginThrottle.Attempts get(String key) {
            return db.read(() -> attempts.getOrDefault(key, LoginThrottle.Attempts.NONE));
        }

        @Override
        public void save(String key, LoginThrottle.Attempts a) {
            db.write(() -> {
                LoginThrottle.Attempts old = attempts.put(key, a);
                return () -> restore(key, old);
            });
        }

        @Override
        public void reset(String key) {
            db.write(() -> {
                LoginThrottle.Attempts old = attempts.remove(key);
                return () -> restore(key, old);
            });
        }

        private void restore(String key, LoginThrottle.Attempts old) {
            if (old == null) {
                attempts.remove(key);
            } else {
                attempts.put(key, old);
            }
        }
    }

    /** The audit trail. */
    public static final class Audit implements AuditTrail {
        private final InMemoryDatabase db;
        private final List<Entry> entries = new ArrayList<>();

        public Audit(InMemoryDatabase db) {
            this.db = db;
        }

        @Override
        public void record(Entry entry) {
            db.write(() -> {
                entries.add(entry);
                return () -> entries.remove(entries.size() - 1);
            });
        }

        @Override
        public int deleteBefore(Instant cutoff) {
            int[] removed = new int[1];
            db.write(() -> {
                List<Entry> before = new ArrayList<>(entries);
                entries.removeIf(e -> e.at().isBefore(cutoff));
                removed[0] = before.size() - entries.size();
                return () -> {
                    entries.clear();
                    entries.addAll(before);
                };
            });
            return removed[0];
        }

        public List<Entry> entries() {
            return db.read(() -> List.copyOf(entries));
        }
    }
}
