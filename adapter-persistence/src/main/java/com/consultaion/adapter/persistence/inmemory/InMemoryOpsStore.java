package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.OpsStore;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.plan.ModelUsage;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Aggregates for operators over the in-memory stores. */
public final class InMemoryOpsStore implements OpsStore {

    private final InMemoryDebateRepository debates;
    private final InMemoryBillingStore billing;

    public InMemoryOpsStore(InMemoryDebateRepository debates, InMemoryBillingStore billing) {
        this.debates = debates;
        this.billing = billing;
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
