package com.consultaion.application.service;

import com.consultaion.application.port.out.LogContext;
import com.consultaion.application.port.out.TranscriptRepository;
import com.consultaion.application.port.out.WorkLeases;
import com.consultaion.application.service.pipeline.DebateState;
import com.consultaion.application.service.pipeline.RunControl;
import com.consultaion.application.service.pipeline.StageResult;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Debate;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The checkpoints of one run. {@link #commitBehind} starts a stage's commit on its own thread and returns at once
 * with the state the commit will produce, so the next stage can start: the next stage needs the results, not
 * their durability, so the database round trips leave the critical path. {@link #commitNow} commits and waits.
 * Each commit first waits for the one before, so they land in order, and an ending is committed only after
 * everything before it. A commit that fails (lease lost, store gone for longer than the journal's patience)
 * abandons the run — the calls in flight are cancelled and nothing more is written — and its exception is thrown
 * by the next wait. A cancel request the commit reads back cancels the stage running meanwhile.
 */
final class Checkpoints {

    private final DebateJournal journal;
    private final TranscriptRepository transcripts;
    private final WorkLeases leases;
    private final Settlement settlement;
    private final LogContext logContext;
    private final Clock clock;
    private final WorkLeases.Lease lease;
    private final RunControl control;
    private final @Nullable String traceId;
    /** What the stages see: the state after the last commit started (committed or not yet). */
    private DebateState state;
    /** The commit in flight, or the last one. */
    private CompletableFuture<DebateState> committed;

    Checkpoints(
            DebateJournal journal,
            TranscriptRepository transcripts,
            WorkLeases leases,
            Settlement settlement,
            LogContext logContext,
            Clock clock,
            DebateState loaded,
            WorkLeases.Lease lease,
            RunControl control,
            @Nullable String traceId) {
        this.journal = journal;
        this.transcripts = transcripts;
        this.leases = leases;
        this.settlement = settlement;
        this.logContext = logContext;
        this.clock = clock;
        this.state = loaded;
        this.lease = lease;
        this.control = control;
        this.traceId = traceId;
        this.committed = CompletableFuture.completedFuture(loaded);
    }

    DebateState state() {
        return state;
    }

    /** Waits for the commit in flight (if any) and returns the state as stored. */
    DebateState settled() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return committed.get();
                } catch (InterruptedException e) {
                    // The commit is bounded by the store's patience; it must finish before the lease is handed back.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void commitNow(StageResult result, UnaryOperator<Debate> transition) {
        commitBehind(result, transition);
        settled();
    }

    void commitBehind(StageResult result, UnaryOperator<Debate> transition) {
        DebateState base = settled();
        Debate from = base.debate();
        Instant now = clock.instant();
        Debate.Recorded change = from.record(result.events(), now, transition);
        Debate next = change.debate();
        // As the repository stores it: under the next version.
        state = base.after(next.withVersion(next.version() + 1), result);
        CompletableFuture<DebateState> done = new CompletableFuture<>();
        committed = done;
        Thread.ofVirtual().name("debate-commit").start(() -> {
            try (LogContext.Scope debate = logContext.put("debate_id", from.id().toString());
                    LogContext.Scope traced = DebateRunner.traced(logContext, traceId)) {
                Debate saved = write(base, result, change, now);
                if (saved.cancelRequested() && !saved.status().isTerminal()) {
                    control.cancel();
                }
                done.complete(base.after(saved, result));
            } catch (RuntimeException | Error e) {
                control.abandon();
                done.completeExceptionally(e);
            }
        });
    }

    /** One transaction: lease check, rows, events, debate row, and what the commit settles; then the bus signal. */
    private Debate write(DebateState base, StageResult result, Debate.Recorded change, Instant now) {
        Debate from = base.debate();
        AtomicBoolean rated = new AtomicBoolean();
        Debate saved = journal.change(
                change,
                () -> {
                    leases.assertHeld(lease);
                    if (!result.contributions().isEmpty()) {
                        transcripts.addContributions(from.id(), result.contributions());
                    }
                    if (!result.verdicts().isEmpty()) {
                        transcripts.addVerdicts(from.id(), result.verdicts());
                    }
                    result.ranking().ifPresent(r -> transcripts.saveRanking(from.id(), r));
                },
                updated -> rated.set(settlement.inTransaction(base, updated, result, now)));
        settlement.committed(from, saved, rated.get());
        return saved;
    }
}
