package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.SessionRepository;
import com.consultaion.domain.debate.UserId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Sessions and refresh tokens. */
public final class InMemorySessionRepository implements SessionRepository {
    private record Session(UserId userId, Instant expiresAt, Instant revokedAt) {}

    private record Token(UUID sessionId, Instant rotatedAt) {}

    private final InMemoryDatabase db;
    private final Map<UUID, Session> sessions = new HashMap<>();
    private final Map<ByteBuffer, Token> tokens = new HashMap<>();

    public InMemorySessionRepository(InMemoryDatabase db) {
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
