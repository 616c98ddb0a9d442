package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.adapter.persistence.UsagePeriods;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
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
    private final UserRepository users;
    private final Map<UserId, String> plans = new HashMap<>();
    private final Map<String, Entry> ledger = new LinkedHashMap<>();
    private final Map<String, long[]> counters = new HashMap<>();
    private final Map<String, Integer> exports = new HashMap<>();

    public InMemoryBillingStore(InMemoryDatabase db, InMemoryDebateRepository debates, UserRepository users) {
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
    public QuotaPolicy.Usage usage(
            UserId user, Instant dayStart, Instant monthStart, int runningCap, @Nullable DebateId excluding) {
        return db.read(() -> {
            long[] month = counters.getOrDefault(user + "|" + UsagePeriods.month(monthStart), new long[3]);
            long[] day = counters.getOrDefault(user + "|" + UsagePeriods.day(dayStart), new long[3]);
            int running = (int) debates.all().stream()
                    .filter(d -> d.ownerId().map(user::equals).orElse(false))
                    .filter(d -> !d.id().equals(excluding))
                    .map(Debate::status)
                    .filter(s -> s == DebateStatus.QUEUED || s == DebateStatus.RUNNING)
                    .limit(runningCap)
                    .count();
            return new QuotaPolicy.Usage((int) month[0], day[1], month[2], running);
        });
    }

    @Override
    public void countExport(UserId user, Instant at) {
        String key = user + "|" + UsagePeriods.month(at);
        db.write(() -> {
            exports.merge(key, 1, Integer::sum);
            return () -> exports.merge(key, -1, Integer::sum);
        });
    }

    @Override
    public int exports(UserId user, Instant monthStart) {
        return db.read(() -> exports.getOrDefault(user + "|" + UsagePeriods.month(monthStart), 0));
    }

    @Override
    public int append(List<Entry> entries) {
        return (int) entries.stream().filter(this::appendOne).count();
    }

    private boolean appendOne(Entry entry) {
        AtomicBoolean appended = new AtomicBoolean();
        db.write(() -> {
            if (ledger.containsKey(entry.key())) {
                return () -> {};
            }
            ledger.put(entry.key(), entry);
            long[] delta = {
                entry.kind() == Kind.RESERVE ? 1 : 0, entry.tokens(), entry.kind() == Kind.SETTLE ? entry.tokens() : 0
            };
            List<String> keys = List.of(
                    entry.user() + "|" + UsagePeriods.day(entry.at()),
                    entry.user() + "|" + UsagePeriods.month(entry.at()));
            keys.forEach(k -> add(k, delta, 1));
            appended.set(true);
            return () -> {
                ledger.remove(entry.key());
                keys.forEach(k -> add(k, delta, -1));
            };
        });
        return appended.get();
    }

    /** Debates started, all tokens and settled tokens per account and period (the ledger's running totals). */
    private void add(String key, long[] delta, int sign) {
        long[] c = counters.computeIfAbsent(key, k -> new long[3]);
        for (int i = 0; i < 3; i++) {
            c[i] += sign * delta[i];
        }
    }

    @Override
    public List<ModelUsage> usageByModel(UserId user, Instant from) {
        return settledByModel(user, from);
    }

    /** Settled usage per model since {@code from}, of one user or (null) of everyone. */
    List<ModelUsage> settledByModel(UserId user, Instant from) {
        return db.read(() -> {
            Map<String, ModelUsage> byModel = new HashMap<>();
            ledger.values().stream()
                    .filter(e -> (user == null || e.user().equals(user))
                            && e.kind() == Kind.SETTLE
                            && !e.at().isBefore(from))
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
