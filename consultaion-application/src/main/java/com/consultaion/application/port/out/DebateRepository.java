package com.consultaion.application.port.out;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.UserId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Port out: where debates (the aggregate row, not their transcript) are kept. */
public interface DebateRepository {

    /** Stores a new debate; its id must be new. */
    void insert(Debate debate);

    Optional<Debate> findById(DebateId id);

    /**
     * Remembers the W3C trace context of the request that started the debate, so the worker
     * that runs it (on any node) traces the run under it. A debate that does not exist is left alone.
     */
    void attachTrace(DebateId id, String traceParent);

    /** The trace context attached at the start, if any. */
    Optional<String> traceOf(DebateId id);

    /**
     * Writes {@code debate} if the stored version still equals {@code debate.version()}, and returns it under the
     * next version; otherwise throws {@link ConcurrentUpdateException}. The cancel-request flag and the team are
     * not written here (see {@link #requestCancel}, {@link #shareWith}), so concurrent changes to them survive.
     */
    Debate update(Debate debate);

    /**
     * A page of debates, newest first: those of {@code owner} or shared with one of {@code teams} (all debates
     * when owner is null), with {@code status} when
     * given, whose prompt contains {@code text} (case-insensitive, taken literally) when given.
     */
    Page page(
            @Nullable UserId owner,
            Set<UUID> teams,
            @Nullable DebateStatus status,
            @Nullable String text,
            int limit,
            int offset);

    /** Every user's debates ({@code owner == null}) or one owner's, without team sharing. */
    default Page page(
            @Nullable UserId owner, @Nullable DebateStatus status, @Nullable String text, int limit, int offset) {
        return page(owner, Set.of(), status, text, limit, offset);
    }

    /** One page and the total count of matches. */
    record Page(List<Debate> items, long total) {}

    /**
     * Shares the debate with a team (null: with none). Like the cancel flag this is written on its own, so a
     * worker's concurrent write of the run state never undoes it; {@link #update} leaves it as stored.
     */
    boolean shareWith(DebateId id, UUID teamId);

    /** Whether someone asked to cancel the debate (read at every stage boundary, so it must be cheap). */
    default boolean cancelRequested(DebateId id) {
        return findById(id).map(Debate::cancelRequested).orElse(false);
    }

    /** Sets the cancel-request flag of a queued or running debate; returns false if it is neither. */
    boolean requestCancel(DebateId id);

    /** Someone else changed the debate since it was read. */
    final class ConcurrentUpdateException extends RuntimeException {
        public ConcurrentUpdateException(DebateId id) {
            super("debate " + id + " was changed concurrently");
        }
    }
}
