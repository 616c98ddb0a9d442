package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.OpsStore;
import com.consultaion.domain.account.AccountSearch;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.plan.ModelUsage;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Aggregates for operators over the in-memory stores. */
public final class InMemoryOpsStore implements OpsStore {

    private final InMemoryDebateRepository debates;
    private final InMemoryBillingStore billing;

    private final InMemoryUserRepository users;

    public InMemoryOpsStore(
            InMemoryDebateRepository debates, InMemoryBillingStore billing, InMemoryUserRepository users) {
        this.debates = debates;
        this.billing = billing;
        this.users = users;
    }

    @Override
    public AccountSearch.Page users(AccountSearch s, int limit, int offset) {
        Comparator<User> newest = Comparator.comparing(User::createdAt)
                .thenComparing(u -> u.id().value().toString());
        List<AccountSearch.Listed> all = users.all().stream()
                .filter(u -> s.email() == null
                        || u.email().value().contains(s.email().toLowerCase(Locale.ROOT)))
                .filter(u -> s.role() == null || u.role() == s.role())
                .filter(u -> s.status() == null || AccountSearch.Status.of(u) == s.status())
                .filter(u -> s.createdFrom() == null || !u.createdAt().isBefore(s.createdFrom()))
                .filter(u -> s.createdBefore() == null || u.createdAt().isBefore(s.createdBefore()))
                .sorted(s.oldestFirst() ? newest : newest.reversed())
                .map(u -> new AccountSearch.Listed(u, billing.planOf(u.id())))
                .filter(l -> s.plan() == null || l.plan().equals(s.plan()))
                .toList();
        return new AccountSearch.Page(all.stream().skip(offset).limit(limit).toList(), all.size());
    }

    @Override
    public Map<DebateStatus, Long> debatesByStatusSince(Instant since) {
        Map<DebateStatus, Long> counts = new EnumMap<>(DebateStatus.class);
        debates.all().stream()
                .filter(d -> !d.createdAt().isBefore(since))
                .forEach(d -> counts.merge(d.status(), 1L, Long::sum));
        return counts;
    }

    @Override
    public long debatesWithoutCritiqueSince(Instant since) {
        return debates.all().stream()
                .filter(d -> !d.createdAt().isBefore(since))
                .filter(d -> d.mode() == DebateMode.DEBATE && d.config().critiqueRounds() == 0)
                .count();
    }

    @Override
    public long activeUsersSince(Instant since) {
        return debates.all().stream()
                .filter(d -> !d.createdAt().isBefore(since))
                .map(Debate::ownerId)
                .flatMap(Optional::stream)
                .distinct()
                .count();
    }

    @Override
    public List<ModelUsage> usageByModelSince(Instant since) {
        return billing.settledByModel(null, since);
    }
}
