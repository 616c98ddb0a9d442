package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.PaymentStore;
import com.consultaion.domain.billing.Subscription;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** Payment events and subscriptions in memory (a transaction holds the write lock, so claims never race). */
public final class InMemoryPaymentStore implements PaymentStore {

    private final InMemoryDatabase db;
    private final Map<String, String> events = new HashMap<>();
    private final Map<String, Subscription> subscriptions = new HashMap<>();

    public InMemoryPaymentStore(InMemoryDatabase db) {
        this.db = db;
    }

    private static String key(String provider, String id) {
        return provider + "\u0000" + id;
    }

    @Override
    public boolean claimEvent(String provider, String eventId, String type, Instant at) {
        AtomicBoolean claimed = new AtomicBoolean();
        String key = key(provider, eventId);
        db.write(() -> {
            if (events.containsKey(key)) {
                return () -> {};
            }
            events.put(key, "");
            claimed.set(true);
            return () -> events.remove(key);
        });
        return claimed.get();
    }

    @Override
    public void settleEvent(String provider, String eventId, String outcome) {
        String key = key(provider, eventId);
        db.write(() -> {
            String old = events.replace(key, outcome);
            return old == null ? () -> {} : () -> events.put(key, old);
        });
    }

    @Override
    public Optional<String> eventOutcome(String provider, String eventId) {
        return db.read(
                () -> Optional.ofNullable(events.get(key(provider, eventId))).filter(o -> !o.isEmpty()));
    }

    @Override
    public Optional<Subscription> subscription(String provider, String id) {
        return db.read(() -> Optional.ofNullable(subscriptions.get(key(provider, id))));
    }

    @Override
    public List<Subscription> subscriptionsOf(UserId user) {
        return db.read(() -> subscriptions.values().stream()
                .filter(s -> s.user().equals(user))
                .sorted(Comparator.comparing(Subscription::updatedAt)
                        .reversed()
                        .thenComparing(Subscription::provider)
                        .thenComparing(Subscription::id))
                .toList());
    }

    @Override
    public void save(Subscription subscription) {
        String key = key(subscription.provider(), subscription.id());
        db.write(() -> {
            Subscription old = subscriptions.put(key, subscription);
            return old == null ? () -> subscriptions.remove(key) : () -> subscriptions.put(key, old);
        });
    }
}
