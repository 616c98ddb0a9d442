package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.WorkLeases;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Work leases in memory, over the debates of an {@link InMemoryDebateRepository}: same rules as PostgreSQL. */
public final class InMemoryWorkLeases implements WorkLeases {

    private final InMemoryDebateRepository debates;

    public InMemoryWorkLeases(InMemoryDebateRepository debates) {
        this.debates = debates;
    }

    @Override
    public Optional<Lease> claim(String owner, Duration ttl, Instant now) {
        Lease[] claimed = new Lease[1];
        debates.db().write(() -> {
            Optional<InMemoryDebateRepository.Row> candidate = debates.active.stream()
                    .map(debates.rows::get)
                    .filter(r -> r.debate().status() == DebateStatus.QUEUED
                            || r.debate().status() == DebateStatus.RUNNING)
                    .filter(r ->
                            r.leaseExpiresAt() == null || !r.leaseExpiresAt().isAfter(now))
                    .min(Comparator.comparing(
                            (InMemoryDebateRepository.Row r) -> r.debate().createdAt()));
            if (candidate.isEmpty()) {
                return () -> {};
            }
            InMemoryDebateRepository.Row old = candidate.get();
            InMemoryDebateRepository.Row row =
                    new InMemoryDebateRepository.Row(old.debate(), owner, old.leaseEpoch() + 1, now.plus(ttl));
            debates.rows.put(old.debate().id(), row);
            claimed[0] = new Lease(old.debate().id(), owner, row.leaseEpoch(), row.leaseExpiresAt());
            return () -> debates.rows.put(old.debate().id(), old);
        });
        return Optional.ofNullable(claimed[0]);
    }

    @Override
    public Optional<Lease> grant(DebateId id, String owner, Duration ttl, Instant now) {
        Lease[] granted = new Lease[1];
        debates.db().write(() -> {
            InMemoryDebateRepository.Row old = debates.rows.get(id);
            if (old == null
                    || old.debate().status() != DebateStatus.QUEUED
                    || (old.leaseExpiresAt() != null && old.leaseExpiresAt().isAfter(now))) {
                return () -> {};
            }
            InMemoryDebateRepository.Row row =
                    new InMemoryDebateRepository.Row(old.debate(), owner, old.leaseEpoch() + 1, now.plus(ttl));
            debates.rows.put(id, row);
            granted[0] = new Lease(id, owner, row.leaseEpoch(), row.leaseExpiresAt());
            return () -> debates.rows.put(id, old);
        });
        return Optional.ofNullable(granted[0]);
    }

    @Override
    public boolean renew(Lease lease, Duration ttl, Instant now) {
        boolean[] held = new boolean[1];
        debates.db().write(() -> {
            InMemoryDebateRepository.Row old = debates.rows.get(lease.debateId());
            if (!holds(old, lease)) {
                return () -> {};
            }
            debates.rows.put(
                    lease.debateId(),
                    new InMemoryDebateRepository.Row(old.debate(), old.leaseOwner(), old.leaseEpoch(), now.plus(ttl)));
            held[0] = true;
            return () -> debates.rows.put(lease.debateId(), old);
        });
        return held[0];
    }

    @Override
    public Set<String> holders(String ownerPrefix, Instant now) {
        return debates.db()
                .read(() -> debates.rows.values().stream()
                        .filter(r -> r.debate().status() == DebateStatus.QUEUED
                                || r.debate().status() == DebateStatus.RUNNING)
                        .filter(r -> r.leaseOwner() != null
                                && r.leaseOwner().startsWith(ownerPrefix)
                                && r.leaseExpiresAt() != null
                                && r.leaseExpiresAt().isAfter(now))
                        .map(InMemoryDebateRepository.Row::leaseOwner)
                        .collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public int expireHeldBy(String owner, Instant now) {
        int[] expired = new int[1];
        debates.db().write(() -> {
            Map<DebateId, InMemoryDebateRepository.Row> before = new HashMap<>();
            debates.rows.forEach((id, r) -> {
                if (owner.equals(r.leaseOwner())
                        && r.leaseExpiresAt() != null
                        && r.leaseExpiresAt().isAfter(now)) {
                    before.put(id, r);
                }
            });
            before.forEach((id, r) -> debates.rows.put(
                    id, new InMemoryDebateRepository.Row(r.debate(), r.leaseOwner(), r.leaseEpoch(), now)));
            expired[0] = before.size();
            return () -> debates.rows.putAll(before);
        });
        return expired[0];
    }

    @Override
    public void release(Lease lease) {
        debates.db().write(() -> {
            InMemoryDebateRepository.Row old = debates.rows.get(lease.debateId());
            if (!holds(old, lease)) {
                return () -> {};
            }
            debates.rows.put(
                    lease.debateId(), new InMemoryDebateRepository.Row(old.debate(), null, old.leaseEpoch(), null));
            return () -> debates.rows.put(lease.debateId(), old);
        });
    }

    @Override
    public void assertHeld(Lease lease) {
        boolean held = debates.db().read(() -> holds(debates.rows.get(lease.debateId()), lease));
        if (!held) {
            throw new LeaseLostException(lease);
        }
    }

    private static boolean holds(InMemoryDebateRepository.Row row, Lease lease) {
        return row != null && lease.owner().equals(row.leaseOwner()) && row.leaseEpoch() == lease.epoch();
    }
}
