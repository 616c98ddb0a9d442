package com.consultaion.application.service;

import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.LogContext;
import com.consultaion.application.port.out.StorageUnavailableException;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.port.out.Tracing;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.TranscriptRepository;
import com.consultaion.application.port.out.WorkLeases;
import com.consultaion.application.service.pipeline.DebateState;
import com.consultaion.application.service.pipeline.Pipeline;
import com.consultaion.application.service.pipeline.RunControl;
import com.consultaion.application.service.pipeline.Stage;
import com.consultaion.application.service.pipeline.StageResult;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.BudgetPolicy;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Runs one claimed debate stage by stage. Each stage's rows, its events and the checkpoint are committed in one
 * transaction guarded by the lease (a superseded worker's write is rejected), then announced on the bus. A
 * debate taken over after a crash resumes at its first uncommitted stage, so nothing is duplicated.
 *
 * <p>A stage's commit runs while the next stage calls its models (see {@link Checkpoints}): the next stage needs
 * the results, not their durability, so the database round trips leave the critical path. Commits stay in
 * order — each waits for the one before — and an ending is committed only after everything before it.
 */
public final class DebateRunner {

    private static final System.Logger LOG = System.getLogger(DebateRunner.class.getName());

    /** How long a stage boundary keeps trying a store that is unavailable before the run gives up. */
    static final Duration STORE_PATIENCE = Duration.ofSeconds(20);

    private final DebateRepository debates;
    private final TranscriptRepository transcripts;
    private final DebateEventStore events;
    private final DebateEventBus bus;
    private final Transactions transactions;
    private final WorkLeases leases;
    private final Pipeline pipeline;
    private final LeaderboardService leaderboard;
    private final BillingService billing;
    private final Telemetry telemetry;
    private final Tracing tracing;
    private final LogContext logContext;
    private final Clock clock;

    public DebateRunner(
            DebateRepository debates,
            TranscriptRepository transcripts,
            DebateEventStore events,
            DebateEventBus bus,
            Transactions transactions,
            WorkLeases leases,
            Pipeline pipeline,
            LeaderboardService leaderboard,
            BillingService billing,
            Telemetry telemetry,
            Tracing tracing,
            LogContext logContext,
            Clock clock) {
        this.tracing = tracing;
        this.logContext = logContext;
        this.debates = debates;
        this.transcripts = transcripts;
        this.events = events;
        this.bus = bus;
        this.transactions = transactions;
        this.leases = leases;
        this.pipeline = pipeline;
        this.leaderboard = leaderboard;
        this.billing = billing;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    /**
     * Runs until the debate ends, is cancelled, or this worker must stop (lease lost, shutdown). The lease is
     * always handed back at the end; that is harmless when it was already lost (release checks the epoch).
     */
    public void run(WorkLeases.Lease lease, RunControl control) {
        run(lease, control, null);
    }

    /** A debate this node has just created and claimed in the same transaction: nothing to read back. */
    public record Start(Debate created, @Nullable String traceParent) {}

    /** The same, for a debate this node just created ({@code start}), or one to read from the store (null). */
    public void run(WorkLeases.Lease lease, RunControl control, @Nullable Start start) {
        try {
            Optional<Debate> found = start != null ? Optional.of(start.created()) : debates.findById(lease.debateId());
            if (found.isEmpty() || found.get().status().isTerminal()) {
                return;
            }
            Debate debate = found.get();
            String traceParent = start != null
                    ? start.traceParent()
                    : debates.traceOf(debate.id()).orElse(null);
            // The run is traced under the request that started the debate, whichever node runs it.
            try (Tracing.Span span = tracing.start("debate.run", traceParent);
                    LogContext.Scope traced = traced(span.traceId())) {
                span.attribute("debate.id", debate.id().toString())
                        .attribute("debate.mode", debate.mode().wireName())
                        .attribute("debate.resumed_at_stage", debate.nextStage());
                control.traceParent(span.traceParent());
                control.deadline(clock.instant().plus(debate.config().deadline()));
                Checkpoints run = new Checkpoints(load(debate), lease, control, span.traceId());
                if (debate.cancelRequested()) {
                    cancel(run);
                } else {
                    begin(run);
                    runStages(run, control);
                }
                DebateState end = run.settled();
                span.attribute("debate.status", end.debate().status().wireName());
                end.debate().reason().ifPresent(span::failed);
            }
        } catch (WorkLeases.LeaseLostException e) {
            LOG.log(Level.INFO, "stopped debate {0}: {1}", lease.debateId(), e.getMessage());
        } catch (DebateRepository.ConcurrentUpdateException e) {
            LOG.log(Level.INFO, "stopped debate {0}: changed concurrently", lease.debateId());
        } finally {
            try {
                // Handed back at once, so the debate is not left waiting for the lease to expire.
                retryingWhileUnavailable(() -> {
                    leases.release(lease);
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not release the lease on {0}: {1}", lease.debateId(), e.toString());
            }
        }
    }

    /** Worker log lines (the run's and its commits') carry the trace id while the run is traced. */
    private LogContext.Scope traced(@Nullable String traceId) {
        return traceId == null ? () -> {} : logContext.put("trace_id", traceId);
    }

    private void begin(Checkpoints run) {
        Debate debate = run.state().debate();
        if (debate.status() == DebateStatus.QUEUED) {
            run.commitBehind(
                    StageResult.ending(List.of(), new StageResult.Outcome.Continue()), d -> d.start(clock.instant()));
            return;
        }
        String message = "resumed by another worker at stage " + debate.nextStage()
                + " after the previous one stopped; committed stages are kept";
        run.commitBehind(
                StageResult.ending(
                        List.of(new EventPayload.Notice("info", message)), new StageResult.Outcome.Continue()),
                d -> d.takeOver(clock.instant()));
    }

    private void runStages(Checkpoints run, RunControl control) {
        List<Stage> stages = pipeline.stages(
                run.state().debate().mode(), run.state().debate().config());
        for (int i = run.state().debate().nextStage(); i < stages.size(); i++) {
            DebateState state = run.state();
            if (control.abandoned()) {
                return;
            }
            // The flag as the last commit read it back; a request made since then reaches control as a signal.
            if (control.cancelled() || state.debate().cancelRequested()) {
                cancel(run);
                return;
            }
            if (control.pastDeadline()) {
                fail(
                        run,
                        "deadline_exceeded",
                        "the debate did not finish within "
                                + state.debate().config().deadline().toSeconds() + " s");
                return;
            }
            Stage stage = stages.get(i);
            if (BudgetPolicy.check(state.debate().config().budget(), state.spent(), stage.estimate(state))
                    instanceof BudgetPolicy.Decision.Exhausted exhausted) {
                budgetExhausted(run, stage, exhausted);
                return;
            }
            StageResult result;
            long stageStarted = System.nanoTime();
            String runParent = control.traceParent();
            try (Tracing.Span span = tracing.start("debate.stage", runParent)) {
                span.attribute("stage.name", stage.name()).attribute("stage.index", i);
                control.traceParent(span.traceParent()); // the stage's model calls are its children
                result = stage.run(state, control);
                telemetry.stageFinished(stage.name(), Duration.ofNanos(System.nanoTime() - stageStarted));
                if (result.outcome() instanceof StageResult.Outcome.Fail f) {
                    span.failed(f.reason());
                }
            } catch (RuntimeException e) {
                LOG.log(
                        Level.ERROR,
                        "stage " + stage.name() + " of debate " + state.debate().id() + " failed",
                        e);
                fail(run, "internal_error", "stage " + stage.name() + " failed unexpectedly");
                return;
            }
            control.traceParent(runParent);
            if (control.abandoned()) {
                return;
            }
            if (result.outcome() instanceof StageResult.Outcome.Cancel) {
                cancel(run);
                return;
            }
            if (control.pastDeadline()) {
                // The deadline cut this stage's calls short (whatever the stage made of that): its results are
                // not a checkpoint, so a retry runs it again; the failure names the cause, not the symptom.
                fail(
                        run,
                        "deadline_exceeded",
                        "the debate did not finish within "
                                + state.debate().config().deadline().toSeconds() + " s (during " + stage.name() + ")");
                return;
            }
            if (result.outcome() instanceof StageResult.Outcome.Fail f) {
                // A failed stage is not a checkpoint either: its events (who failed, why) are kept, its rows are
                // not, and the checkpoint stays before it, so a retry runs it whole.
                run.commitNow(
                        StageResult.ending(result.events(), f), d -> d.fail(f.reason(), f.detail(), clock.instant()));
                return;
            }
            int next = i + 1;
            UnaryOperator<Debate> transition = d -> apply(d.checkpoint(next, clock.instant()), result.outcome());
            if (!(result.outcome() instanceof StageResult.Outcome.Continue) || next == stages.size()) {
                run.commitNow(result, transition);
                return;
            }
            run.commitBehind(result, transition);
        }
    }

    /**
     * Runs {@code work} again while the store is unavailable (no connection in time under load, a database
     * restart), with growing pauses, for up to about {@link #STORE_PATIENCE}. Giving up would leave the debate
     * to wait for its lease to expire (30 s by default) before anyone resumes it. Safe for a stage's commit: a
     * failed transaction wrote nothing, and one that did commit but was reported lost fails its retry on the
     * events' keys, which ends this run the usual way.
     */
    private <T> T retryingWhileUnavailable(Supplier<T> work) {
        long pauseMillis = 50;
        long deadline = System.nanoTime() + STORE_PATIENCE.toNanos();
        while (true) {
            try {
                return work.get();
            } catch (StorageUnavailableException e) {
                if (System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
                    throw e;
                }
                LOG.log(Level.DEBUG, "store unavailable; retrying in {0} ms: {1}", pauseMillis, e.getMessage());
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(1_000, pauseMillis * 2);
            }
        }
    }

    private void cancel(Checkpoints run) {
        run.commitNow(
                StageResult.ending(List.of(new EventPayload.DebateCancelled()), new StageResult.Outcome.Cancel()),
                d -> d.cancel(clock.instant()));
    }

    private void fail(Checkpoints run, String reason, String detail) {
        run.commitNow(
                StageResult.ending(
                        List.of(new EventPayload.DebateFailed(reason, detail)),
                        new StageResult.Outcome.Fail(reason, detail)),
                d -> d.fail(reason, detail, clock.instant()));
    }

    private void budgetExhausted(Checkpoints run, Stage stage, BudgetPolicy.Decision.Exhausted exhausted) {
        DebateState state = run.state();
        String detail = "stopped before " + stage.name() + ": " + exhausted.detail();
        String content = Pipeline.bestAnswer(state).orElse(null);
        List<EventPayload> payloads = List.of(
                new EventPayload.Notice("warn", "budget exhausted (" + exhausted.limit() + "): " + detail),
                new EventPayload.Final(content, Pipeline.meta(state, List.of("budget_exhausted"))));
        run.commitNow(
                StageResult.ending(
                        payloads, new StageResult.Outcome.CompleteWithWarnings(content, "budget_exhausted", detail)),
                d -> d.completeWithWarnings(content, "budget_exhausted", detail, clock.instant()));
    }

    private Debate apply(Debate debate, StageResult.Outcome outcome) {
        Instant now = clock.instant();
        return switch (outcome) {
            case StageResult.Outcome.Continue c -> debate;
            case StageResult.Outcome.Complete c -> debate.complete(c.content(), now);
            case StageResult.Outcome.CompleteWithWarnings w ->
                debate.completeWithWarnings(w.content(), w.reason(), w.detail(), now);
            case StageResult.Outcome.Fail f -> debate.fail(f.reason(), f.detail(), now);
            case StageResult.Outcome.Cancel c -> debate.cancel(now);
        };
    }

    /**
     * The checkpoints of one run. {@link #commitBehind} starts a stage's commit on its own thread and returns at
     * once with the state the commit will produce, so the next stage can start; {@link #commitNow} commits and
     * waits. Each commit first waits for the one before, so they land in order. A commit that fails (lease lost,
     * store gone for longer than {@link #STORE_PATIENCE}) abandons the run — the calls in flight are cancelled and
     * nothing more is written — and its exception is thrown by the next wait. A cancel request the commit reads
     * back cancels the stage running meanwhile.
     */
    private final class Checkpoints {

        private final WorkLeases.Lease lease;
        private final RunControl control;
        private final @Nullable String traceId;
        /** What the stages see: the state after the last commit started (committed or not yet). */
        private DebateState state;
        /** The commit in flight, or the last one. */
        private CompletableFuture<DebateState> committed;

        Checkpoints(DebateState loaded, WorkLeases.Lease lease, RunControl control, @Nullable String traceId) {
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
                        // The commit is bounded by the store's patience; it must finish before the lease is handed
                        // back.
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
            List<DebateEvent> numbered = new ArrayList<>(result.events().size());
            for (int k = 0; k < result.events().size(); k++) {
                numbered.add(new DebateEvent(
                        from.id(), from.lastSeq() + 1 + k, now, result.events().get(k)));
            }
            Debate next = transition.apply(from.recordEvents(numbered.size()));
            // As the repository stores it: under the next version.
            state = base.after(next.withVersion(next.version() + 1), result);
            CompletableFuture<DebateState> done = new CompletableFuture<>();
            committed = done;
            Thread.ofVirtual().name("debate-commit").start(() -> {
                try (LogContext.Scope debate =
                                logContext.put("debate_id", from.id().toString());
                        LogContext.Scope traced = traced(traceId)) {
                    Debate saved = write(base, result, numbered, next, now);
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

        /**
         * One transaction: lease check, rows, events, debate row and, when the debate completes, its leaderboard
         * record (so it is rated exactly once, together with its completion); then the bus signal.
         */
        private Debate write(
                DebateState base, StageResult result, List<DebateEvent> numbered, Debate next, Instant now) {
            Debate from = base.debate();
            AtomicBoolean rated = new AtomicBoolean();
            Debate saved = retryingWhileUnavailable(() -> transactions.inTransaction(() -> {
                leases.assertHeld(lease);
                if (!result.contributions().isEmpty()) {
                    transcripts.addContributions(from.id(), result.contributions());
                }
                if (!result.verdicts().isEmpty()) {
                    transcripts.addVerdicts(from.id(), result.verdicts());
                }
                result.ranking().ifPresent(r -> transcripts.saveRanking(from.id(), r));
                if (!numbered.isEmpty()) {
                    events.append(numbered);
                }
                Debate updated = debates.update(next);
                rated.set(leaderboard.record(updated, result.ranking().or(base::ranking), now));
                if (updated.status().isTerminal()) {
                    // Last: settling updates the owner's usage counters, whose row locks are held until the
                    // commit; every debate of that owner ending at the same time waits for them, so they are
                    // taken late.
                    DebateState all = base.after(updated, result);
                    billing.settle(updated, all.contributions(), all.verdicts());
                }
                return updated;
            }));
            if (!numbered.isEmpty()) {
                bus.publish(saved.id(), saved.lastSeq());
            }
            if (rated.get()) {
                leaderboard.refreshSoon();
            }
            if (saved.status().isTerminal() && !from.status().isTerminal()) {
                LOG.log(
                        Level.INFO,
                        "debate {0} ended: {1}",
                        saved.id(),
                        saved.status().wireName());
                telemetry.debateFinished(
                        saved.mode(), saved.status(), Duration.between(saved.createdAt(), saved.updatedAt()));
            }
            return saved;
        }
    }

    private DebateState load(Debate debate) {
        if (debate.nextStage() == 0) {
            // Transcript rows are only written with a stage's checkpoint: before the first one there are none.
            return new DebateState(debate, List.of(), List.of(), null);
        }
        // A resumed run's final_meta lists the substitutions of the stages committed before it, too.
        List<EventPayload.Fallback> fallbacks = events.readAfter(debate.id(), 0, Integer.MAX_VALUE).stream()
                .map(DebateEvent::payload)
                .filter(EventPayload.Fallback.class::isInstance)
                .map(EventPayload.Fallback.class::cast)
                .toList();
        return new DebateState(
                debate,
                transcripts.contributions(debate.id()),
                transcripts.verdicts(debate.id()),
                transcripts.ranking(debate.id()).orElse(null),
                fallbacks);
    }
}
