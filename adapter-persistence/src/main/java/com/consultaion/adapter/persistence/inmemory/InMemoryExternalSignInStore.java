package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.ExternalSignInStore;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Pending sign-ins and provider links in memory. */
public final class InMemoryExternalSignInStore implements ExternalSignInStore {

    private final InMemoryDatabase db;
    private final Map<String, Challenge> challenges = new HashMap<>();
    private final Map<String, UserId> links = new HashMap<>();

    public InMemoryExternalSignInStore(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void saveChallenge(Challenge c) {
        db.write(() -> {
            challenges.put(c.stateHash(), c);
            return () -> challenges.remove(c.stateHash());
        });
    }

    @Override
    public Optional<Challenge> takeChallenge(String stateHash, Instant now) {
        AtomicReference<Challenge> taken = new AtomicReference<>();
        db.write(() -> {
            Challenge c = challenges.remove(stateHash);
            taken.set(c);
            return c == null ? () -> {} : () -> challenges.put(stateHash, c);
        });
        return Optional.ofNullable(taken.get()).filter(c -> c.expiresAt().isAfter(now));
    }

    @Override
    public int purgeChallenges(Instant now) {
        AtomicReference<Integer> count = new AtomicReference<>(0);
        db.write(() -> {
            List<Challenge> gone = challenges.values().stream()
                    .filter(c -> !c.expiresAt().isAfter(now))
                    .toList();
            gone.forEach(c -> challenges.remove(c.stateHash()));
            count.set(gone.size());
            return () -> gone.forEach(c -> challenges.put(c.stateHash(), c));
        });
        return count.get();
    }

    private static String key(String issuer, String subject) {
        return issuer + "\u0000" + subject;
    }

    @Override
    public Optional<UserId> linkedUser(String issuer, String subject) {
        return db.read(() -> Optional.ofNullable(links.get(key(issuer, subject))));
    }

    @Override
    public void link(String issuer, String subject, UserId user, Instant at) {
        String key = key(issuer, subject);
        db.write(() -> {
            if (links.containsKey(key)) {
                return () -> {};
            }
            links.put(key, user);
            return () -> links.remove(key);
        });
    }
}
