package com.consultaion.application.port.out;

import com.consultaion.domain.debate.DebateId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Port out: who runs which debate. A worker claims a queued debate, or a running one whose lease expired, and
 * gets a {@link Lease} whose {@code epoch} grows with every claim. Every write of a running debate checks the
 * lease inside its transaction ({@link #assertHeld}), so a worker that was superseded (paused, partitioned)
 * cannot write after another took over: the epoch is a fencing token.
 */
public interface WorkLeases {

    Optional<Lease> claim(String owner, Duration ttl, Instant now);

    /**
     * Up to {@code max} claims at once, oldest first: a burst of new debates is taken in a few transactions
     * instead of one each. The default claims one at a time; stores override it with a single statement.
     */
    default List<Lease> claim(String owner, Duration ttl, Instant now, int max) {
        List<Lease> claimed = new ArrayList<>();
        while (claimed.size() < max) {
            Optional<Lease> next = claim(owner, ttl, now);
            if (next.isEmpty()) {
                break;
            }
            claimed.add(next.get());
        }
        return claimed;
    }

    /**
     * Claims one queued, unleased debate by id — the one the calling transaction just created, so the node that
     * received it runs it without a claim of its own. Call inside that transaction. Empty when the debate is not
     * queued or someone holds it.
     */
    Optional<Lease> grant(DebateId id, String owner, Duration ttl, Instant now);

    /** Extends the lease; false when it was lost (expired and claimed by someone else, or released). */
    boolean renew(Lease lease, Duration ttl, Instant now);

    /** Gives the debate up (finished, or handed back); no-op if the lease was already lost. */
    void release(Lease lease);

    /** Who holds a live lease whose owner name starts with {@code ownerPrefix} (e.g. earlier processes of a node). */
    Set<String> holders(String ownerPrefix, Instant now);

    /**
     * Ends every live lease {@code owner} holds, as if it had expired now, so any worker may claim those debates at
     * once (the epoch still grows with the claim, fencing out {@code owner} should it still be alive). For an owner
     * known to be gone, such as this node's previous process after a crash. Returns how many leases ended.
     */
    int expireHeldBy(String owner, Instant now);

    /** Throws {@link LeaseLostException} unless {@code lease} is still the current one; call inside a transaction. */
    void assertHeld(Lease lease);

    /** The right to run one debate, until {@code expiresAt}. */
    record Lease(DebateId debateId, String owner, long epoch, Instant expiresAt) {
        public Lease {
            Objects.requireNonNull(debateId, "debateId");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** The lease was taken over: the holder must stop without writing. */
    final class LeaseLostException extends RuntimeException {
        public LeaseLostException(Lease lease) {
            super("lease on " + lease.debateId() + " (epoch " + lease.epoch() + ") is no longer held by "
                    + lease.owner());
        }
    }
}
