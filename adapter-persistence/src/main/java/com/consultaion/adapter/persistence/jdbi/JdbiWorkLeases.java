package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.WorkLeases;
import com.consultaion.domain.debate.DebateId;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Work leases on the debates table. A claim picks the oldest queued debate, or a running one whose lease
 * expired, with {@code FOR UPDATE SKIP LOCKED} (workers on many nodes never wait for each other) and bumps its
 * epoch. {@link #assertHeld} locks the debate row ({@code FOR UPDATE}) for the rest of the transaction, so no
 * claim can slip in between the check and the commit.
 */
public final class JdbiWorkLeases implements WorkLeases {

    private final Jdbi jdbi;

    public JdbiWorkLeases(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Lease> claim(String owner, Duration ttl, Instant now) {
        return claim(owner, ttl, now, 1).stream().findFirst();
    }

    @Override
    public List<Lease> claim(String owner, Duration ttl, Instant now, int max) {
        return jdbi.inTransaction(h -> h
                .createQuery("UPDATE debates SET lease_owner = :owner, "
                        + "lease_epoch = lease_epoch + 1, lease_expires_at = :expires "
                        + "WHERE id IN (SELECT id FROM debates WHERE status IN ('queued', 'running') "
                        + "AND (lease_expires_at IS NULL OR lease_expires_at <= :now) "
                        + "ORDER BY created_at LIMIT :max FOR UPDATE SKIP LOCKED) "
                        + "RETURNING id, lease_epoch, lease_expires_at, created_at")
                .bind("owner", owner)
                .bind("expires", JdbiDebateRepository.utc(now.plus(ttl)))
                .bind("now", JdbiDebateRepository.utc(now))
                .bind("max", max)
                .map((rs, ctx) -> Map.entry(
                        rs.getObject("created_at", OffsetDateTime.class),
                        new Lease(
                                new DebateId(rs.getObject("id", UUID.class)),
                                owner,
                                rs.getLong("lease_epoch"),
                                rs.getObject("lease_expires_at", OffsetDateTime.class)
                                        .toInstant())))
                .list()
                .stream()
                .sorted(Entry.comparingByKey()) // RETURNING keeps no order: oldest first
                .map(Entry::getValue)
                .toList());
    }

    @Override
    public Optional<Lease> grant(DebateId id, String owner, Duration ttl, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("UPDATE debates SET lease_owner = :owner, "
                        + "lease_epoch = lease_epoch + 1, lease_expires_at = :expires "
                        + "WHERE id = :id AND status = 'queued' "
                        + "AND (lease_expires_at IS NULL OR lease_expires_at <= :now) "
                        + "RETURNING lease_epoch, lease_expires_at")
                .bind("id", id.value())
                .bind("owner", owner)
                .bind("expires", JdbiDebateRepository.utc(now.plus(ttl)))
                .bind("now", JdbiDebateRepository.utc(now))
                .map((rs, ctx) -> new Lease(
                        id,
                        owner,
                        rs.getLong("lease_epoch"),
                        rs.getObject("lease_expires_at", OffsetDateTime.class).toInstant()))
                .findOne());
    }

    @Override
    public boolean renew(Lease lease, Duration ttl, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE debates SET lease_expires_at = :expires "
                                + "WHERE id = :id AND lease_owner = :owner AND lease_epoch = :epoch")
                        .bind("expires", JdbiDebateRepository.utc(now.plus(ttl)))
                        .bind("id", lease.debateId().value())
                        .bind("owner", lease.owner())
                        .bind("epoch", lease.epoch())
                        .execute())
                == 1;
    }

    @Override
    public Set<String> holders(String ownerPrefix, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT lease_owner FROM debates "
                        + "WHERE status IN ('queued', 'running') AND lease_expires_at > :now "
                        + "AND starts_with(lease_owner, :prefix)")
                .bind("now", JdbiDebateRepository.utc(now))
                .bind("prefix", ownerPrefix)
                .mapTo(String.class)
                .set());
    }

    @Override
    public int expireHeldBy(String owner, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE debates SET lease_expires_at = :now "
                        + "WHERE lease_owner = :owner AND lease_expires_at > :now")
                .bind("now", JdbiDebateRepository.utc(now))
                .bind("owner", owner)
                .execute());
    }

    @Override
    public void release(Lease lease) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE debates SET lease_owner = NULL, lease_expires_at = NULL "
                        + "WHERE id = :id AND lease_owner = :owner AND lease_epoch = :epoch")
                .bind("id", lease.debateId().value())
                .bind("owner", lease.owner())
                .bind("epoch", lease.epoch())
                .execute());
    }

    @Override
    public void assertHeld(Lease lease) {
        boolean held = jdbi.withHandle(h -> h.createQuery("SELECT lease_owner = :owner AND lease_epoch = :epoch "
                        + "FROM debates WHERE id = :id FOR UPDATE")
                .bind("id", lease.debateId().value())
                .bind("owner", lease.owner())
                .bind("epoch", lease.epoch())
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false));
        if (!held) {
            throw new LeaseLostException(lease);
        }
    }
}
