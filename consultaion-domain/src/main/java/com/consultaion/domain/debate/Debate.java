package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The debate aggregate: it owns its status machine. Instances are immutable; every transition returns the next
 * state or throws {@link IllegalTransitionException}. {@code nextStage} is the checkpoint (stages before it are
 * committed), {@code lastSeq} the last event number, {@code version} the optimistic-concurrency counter.
 *
 * <pre>
 * queued → running → completed | completed_with_warnings | failed | cancelled
 * queued → cancelled;  failed → queued (retry: resumes at nextStage)
 * </pre>
 */
public final class Debate {

    private final DebateId id;
    private final @Nullable UserId ownerId;
    private final @Nullable UUID teamId;
    private final Prompt prompt;
    private final DebateMode mode;
    private final DebateConfig config;
    private final DebateStatus status;
    private final int nextStage;
    private final long lastSeq;
    private final @Nullable String finalContent;
    private final @Nullable String reason;
    private final @Nullable String detail;
    private final boolean cancelRequested;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;
    private final @Nullable String category;

    private Debate(
            DebateId id,
            @Nullable UserId ownerId,
            @Nullable UUID teamId,
            Prompt prompt,
            DebateMode mode,
            DebateConfig config,
            DebateStatus status,
            int nextStage,
            long lastSeq,
            @Nullable String finalContent,
            @Nullable String reason,
            @Nullable String detail,
            boolean cancelRequested,
            Instant createdAt,
            Instant updatedAt,
            long version,
            @Nullable String category) {
        this.id = Objects.requireNonNull(id, "id");
        this.ownerId = ownerId;
        this.teamId = teamId;
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.config = Objects.requireNonNull(config, "config");
        this.status = Objects.requireNonNull(status, "status");
        if (nextStage < 0 || lastSeq < 0 || version < 0) {
            throw new IllegalArgumentException("stage, seq and version are never negative");
        }
        this.nextStage = nextStage;
        this.lastSeq = lastSeq;
        this.finalContent = finalContent;
        this.reason = reason;
        this.detail = detail;
        this.cancelRequested = cancelRequested;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
        this.category = category;
    }

    /** A new debate, queued, with no stage committed and no event yet. */
    public static Debate create(
            DebateId id, @Nullable UserId ownerId, Prompt prompt, DebateMode mode, DebateConfig config, Instant now) {
        return new Debate(
                id,
                ownerId,
                null,
                prompt,
                mode,
                config,
                DebateStatus.QUEUED,
                0,
                0,
                null,
                null,
                null,
                false,
                now,
                now,
                0,
                null);
    }

    /** A debate as it was stored. */
    public static Debate reconstitute(
            DebateId id,
            @Nullable UserId ownerId,
            @Nullable UUID teamId,
            Prompt prompt,
            DebateMode mode,
            DebateConfig config,
            DebateStatus status,
            int nextStage,
            long lastSeq,
            @Nullable String finalContent,
            @Nullable String reason,
            @Nullable String detail,
            boolean cancelRequested,
            Instant createdAt,
            Instant updatedAt,
            long version,
            @Nullable String category) {
        return new Debate(
                id,
                ownerId,
                teamId,
                prompt,
                mode,
                config,
                status,
                nextStage,
                lastSeq,
                finalContent,
                reason,
                detail,
                cancelRequested,
                createdAt,
                updatedAt,
                version,
                category);
    }

    // --- transitions ---------------------------------------------------------------------------------------

    /** queued → running. */
    public Debate start(Instant now) {
        require(status == DebateStatus.QUEUED, "start");
        return with(DebateStatus.RUNNING, nextStage, finalContent, null, null, cancelRequested, now);
    }

    /** A worker takes over a running debate whose previous worker's lease expired; it stays running. */
    public Debate takeOver(Instant now) {
        require(status == DebateStatus.RUNNING, "take over");
        return with(status, nextStage, finalContent, reason, detail, cancelRequested, now);
    }

    /** Marks stages before {@code stage} as committed. Checkpoints only move forward. */
    public Debate checkpoint(int stage, Instant now) {
        require(status == DebateStatus.RUNNING, "checkpoint");
        if (stage <= nextStage) {
            throw new IllegalArgumentException("checkpoint " + stage + " does not move past " + nextStage);
        }
        return with(status, stage, finalContent, reason, detail, cancelRequested, now);
    }

    public Debate complete(String content, Instant now) {
        require(status == DebateStatus.RUNNING, "complete");
        return with(DebateStatus.COMPLETED, nextStage, Objects.requireNonNull(content), null, null, false, now);
    }

    /** Finished, but not as configured: {@code reason} says why (budget_exhausted, synthesis_failed …). */
    public Debate completeWithWarnings(@Nullable String content, String reason, @Nullable String detail, Instant now) {
        require(status == DebateStatus.RUNNING, "complete");
        return with(
                DebateStatus.COMPLETED_WITH_WARNINGS,
                nextStage,
                content,
                Objects.requireNonNull(reason),
                detail,
                false,
                now);
    }

    public Debate fail(String reason, @Nullable String detail, Instant now) {
        require(status == DebateStatus.RUNNING, "fail");
        return with(DebateStatus.FAILED, nextStage, null, Objects.requireNonNull(reason), detail, false, now);
    }

    /** queued or running → cancelled. */
    public Debate cancel(Instant now) {
        require(status == DebateStatus.QUEUED || status == DebateStatus.RUNNING, "cancel");
        return with(DebateStatus.CANCELLED, nextStage, null, "cancelled", null, false, now);
    }

    /** Ends the debate as {@code ending} says. */
    public Debate end(Ending ending, Instant now) {
        return switch (ending) {
            case Ending.Completed c -> complete(c.content(), now);
            case Ending.CompletedWithWarnings w -> completeWithWarnings(w.content(), w.reason(), w.detail(), now);
            case Ending.Failed f -> fail(f.reason(), f.detail(), now);
            case Ending.Cancelled c -> cancel(now);
        };
    }

    /** A change and the events that describe it, numbered after the debate's last event. */
    public record Recorded(Debate debate, List<DebateEvent> events) {
        public Recorded {
            events = List.copyOf(events);
        }
    }

    /**
     * Records {@code payloads} as the next events (numbered after {@link #lastSeq()}, stamped {@code at}) and
     * applies {@code change}: the next state and its events, to be committed together.
     */
    public Recorded record(List<EventPayload> payloads, Instant at, UnaryOperator<Debate> change) {
        List<DebateEvent> numbered = new ArrayList<>(payloads.size());
        for (int k = 0; k < payloads.size(); k++) {
            numbered.add(new DebateEvent(id, lastSeq + 1 + k, at, payloads.get(k)));
        }
        return new Recorded(change.apply(recordEvents(numbered.size())), numbered);
    }

    /** Asks the worker running this debate to stop at the next boundary. */
    public Debate requestCancel(Instant now) {
        require(status == DebateStatus.QUEUED || status == DebateStatus.RUNNING, "cancel");
        return with(status, nextStage, finalContent, reason, detail, true, now);
    }

    /** failed → queued: the run resumes at the first stage that was not committed. */
    public Debate retry(Instant now) {
        require(status == DebateStatus.FAILED, "retry");
        return with(DebateStatus.QUEUED, nextStage, null, null, null, false, now);
    }

    /**
     * The same new debate in a category (null: none); only before it is stored. The category is kept on the
     * leaderboard: a debate counts on the overall board and on its category's.
     */
    public Debate categorized(@Nullable String newCategory) {
        require(status == DebateStatus.QUEUED && lastSeq == 0, "categorize");
        String normal = Category.normalize(newCategory);
        return copy(c -> c.category = normal);
    }

    /**
     * The same new debate with the token budget its plan grants it (less than asked when today's tokens leave
     * less); only before it is first stored.
     */
    public Debate withBudget(Budget granted) {
        require(status == DebateStatus.QUEUED && version == 0, "change the budget of");
        return copy(c -> c.config = config.withBudget(granted));
    }

    public Optional<String> category() {
        return Optional.ofNullable(category);
    }

    /** Shares the debate with a team (its members may read it), or stops sharing it ({@code null}). */
    public Debate sharedWith(@Nullable UUID team, Instant now) {
        return copy(c -> {
            c.teamId = team;
            c.updatedAt = now;
        });
    }

    public Optional<UUID> teamId() {
        return Optional.ofNullable(teamId);
    }

    /** Reserves {@code count} event numbers after {@link #lastSeq()}. */
    public Debate recordEvents(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count");
        }
        return copy(c -> c.lastSeq = lastSeq + count);
    }

    /** The same state as a store holds it: with the stored cancel-request flag and version. */
    public Debate asStored(boolean storedCancelRequested, long storedVersion) {
        return copy(c -> {
            c.cancelRequested = storedCancelRequested;
            c.version = storedVersion;
        });
    }

    /** The same state as stored under the next version (set by repositories after a successful write). */
    public Debate withVersion(long newVersion) {
        return copy(c -> c.version = newVersion);
    }

    /** Erases the user's text (account deletion, retention): the prompt becomes a fixed marker. */
    public Debate anonymise(Instant now) {
        return copy(c -> {
            c.prompt = new Prompt("[deleted by retention or on request]");
            c.finalContent = finalContent == null ? null : "[deleted]";
            c.updatedAt = now;
        });
    }

    private Debate with(
            DebateStatus newStatus,
            int stage,
            @Nullable String content,
            @Nullable String newReason,
            @Nullable String newDetail,
            boolean cancel,
            Instant now) {
        return copy(c -> {
            c.status = newStatus;
            c.nextStage = stage;
            c.finalContent = content;
            c.reason = newReason;
            c.detail = newDetail;
            c.cancelRequested = cancel;
            c.updatedAt = now;
        });
    }

    /** This debate with some fields changed: every copy goes through the one constructor and its checks. */
    private Debate copy(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new Debate(
                c.id,
                c.ownerId,
                c.teamId,
                c.prompt,
                c.mode,
                c.config,
                c.status,
                c.nextStage,
                c.lastSeq,
                c.finalContent,
                c.reason,
                c.detail,
                c.cancelRequested,
                c.createdAt,
                c.updatedAt,
                c.version,
                c.category);
    }

    /** The fields of a debate being copied. */
    private static final class Copy {
        final DebateId id;
        final @Nullable UserId ownerId;

        @Nullable
        UUID teamId;

        Prompt prompt;
        final DebateMode mode;
        DebateConfig config;
        DebateStatus status;
        int nextStage;
        long lastSeq;

        @Nullable
        String finalContent;

        @Nullable
        String reason;

        @Nullable
        String detail;

        boolean cancelRequested;
        final Instant createdAt;
        Instant updatedAt;
        long version;

        @Nullable
        String category;

        Copy(Debate d) {
            id = d.id;
            ownerId = d.ownerId;
            teamId = d.teamId;
            prompt = d.prompt;
            mode = d.mode;
            config = d.config;
            status = d.status;
            nextStage = d.nextStage;
            lastSeq = d.lastSeq;
            finalContent = d.finalContent;
            reason = d.reason;
            detail = d.detail;
            cancelRequested = d.cancelRequested;
            createdAt = d.createdAt;
            updatedAt = d.updatedAt;
            version = d.version;
            category = d.category;
        }
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalTransitionException(status, action);
        }
    }

    // --- state ---------------------------------------------------------------------------------------------

    public DebateId id() {
        return id;
    }

    public Optional<UserId> ownerId() {
        return Optional.ofNullable(ownerId);
    }

    public Prompt prompt() {
        return prompt;
    }

    public DebateMode mode() {
        return mode;
    }

    public DebateConfig config() {
        return config;
    }

    public DebateStatus status() {
        return status;
    }

    public int nextStage() {
        return nextStage;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public Optional<String> finalContent() {
        return Optional.ofNullable(finalContent);
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return "Debate[" + id + ", " + status.wireName() + ", stage " + nextStage + ", seq " + lastSeq + "]";
    }
}
