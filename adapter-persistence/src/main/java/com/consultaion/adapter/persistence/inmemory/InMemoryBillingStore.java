package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.BillingStore;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.plan.ModelUsage;
import com.consultaion.domain.plan.QuotaPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Plans of accounts and the usage ledger in memory (the shared write lock serialises an account's starts). */
public final class InMemoryBillingStore implements BillingStore {

    private final InMemoryDatabase db;
    private final InMemoryDebateRepository debates;
    private final com.consultaion.application.port.out.UserRepository users;
    private final Map<UserId, String> plans = new HashMap<>();
    private final Map<String, Entry> ledger = new LinkedHashMap<>();

    public InMemoryBillingStore(
            InMemoryDatabase db,
            InMemoryDebateRepository debates,
            com.consultaion.application.port.out.UserRepository users) {
        this.db = db;
        this.debates = debates;
        this.users = users;
    }

    @Override
    public String planOf(UserId user) {
        return db.read(() -> plans.getOrDefault(user, "free"));
    }

    @Override
    public boolean assignPlan(UserId user, String slug) {
        if (users.findById(user).isEmpty()) {
            return false;
        }
        db.write(() -> {
            String old = plans.put(user, slug);
            return () -> {
                if (old == null) {
                    plans.remove(user);
                } else {
                    plans.put(user, old);
                }
            };
        });
        return true;
    }

    @Override
    public void lockAccount(UserId user) {
        // Transactions here hold the database's write lock already.
    }

    @Override
    public QuotaPolicy.Usage usage(UserId user, Instant dayStart, Instant monthStart) {
        return db.read(() -> {
            List<Entry> mine =
                    ledger.values().stream().filter(e -> e.user().equals(user)).toList();
            int debatesThisMonth = (int) mine.stream()
                    .filter(e -> e.kind() == Kind.RESERVE && !e.at().isBefore(monthStart))
                    .count();
            long today = mine.stream()
                    .filter(e -> !e.at().isBefore(dayStart))
                    .mapToLong(Entry::tokens)
                    .sum();
            long month = mine.stream()
                    .filter(e -> e.kind() == Kind.SETTLE && !e.at().isBefore(monthStart))
                    .mapToLong(Entry::tokens)
                    .sum();
            int running = (int) debates.all().stream()
                    .filter(d -> d.ownerId().map(user::equals).orElse(false))
                    .map(Debate::status)
                    .filter(s -> s == DebateStatus.QUEUED || s == DebateStatus.RUNNING)
                    .count();
            return new QuotaPolicy.Usage(debatesThisMonth, today, month, running);
        });
    }

    @Override
    public boolean append(Entry entry) {
        AtomicBoolean appended = new AtomicBoolean();
        db.write(() -> {
            if (ledger.containsKey(entry.key())) {
                return () -> {};
            }
            ledger.put(entry.key(), entry);
            appended.set(true);
            return () -> ledger.remove(entry.key());
        });
        return appended.get();
    }

    @Override
    public List<ModelUsage> usageByModel(UserId user, Instant from) {
        return db.read(() -> {
            Map<String, ModelUsage> byModel = new HashMap<>();
            ledger.values().stream()
                    .filter(e -> e.user().equals(user) && e.kind() == Kind.SETTLE && !e.at().isBefore(from))
                    .forEach(e -> byModel.merge(
                            e.model(),
                            new ModelUsage(e.model(), e.tokens(), e.costUsd()),
                            (a, b) -> new ModelUsage(a.model(), a.tokens() + b.tokens(), a.costUsd() + b.costUsd())));
            List<ModelUsage> out = new ArrayList<>(byModel.values());
            out.sort(Comparator.comparingLong(ModelUsage::tokens).reversed().thenComparing(ModelUsage::model));
            return out;
        });
    }
}
