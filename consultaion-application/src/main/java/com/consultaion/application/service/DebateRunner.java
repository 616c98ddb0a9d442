package com.consultaion.application.service;

import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.LogContext;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.port.out.Tracing;
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
import com.consultaion.domain.debate.Ending;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayload;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
    private final DebateJournal journal;
    private final WorkLeases leases;
    private final Pipeline pipeline;
    private final Settlement settlement;
    private final Telemetry telemetry;
    private final Tracing tracing;
    private final LogContext logContext;
    private final Clock clock;

    public DebateRunner(
            DebateRepository debates,
            TranscriptRepository transcripts,
            DebateEventStore events,
            DebateJournal journal,
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
        this.journal = journal.patient(STORE_PATIENCE);
        this.leases = leases;
        this.pipeline = pipeline;
        this.settlement = new Settlement(leaderboard, billing, telemetry);
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
                    LogContext.Scope traced = traced(logContext, span.traceId())) {
                span.attribute("debate.id", debate.id().toString())
                        .attribute("debate.mode", debate.mode().wireName())
                        .attribute("debate.resumed_at_stage", debate.nextStage());
                control.traceParent(span.traceParent());
                control.deadline(clock.instant().plus(debate.config().deadline()));
                Checkpoints run = new Checkpoints(
                        journal,
                        transcripts,
                        leases,
                        settlement,
                        logContext,
                        clock,
                        load(debate),
                        lease,
                        control,
                        span.traceId());
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
                StorePatience.retry(STORE_PATIENCE, () -> {
                    leases.release(lease);
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not release the lease on {0}: {1}", lease.debateId(), e.toString());
            }
        }
    }

    /** Worker log lines (the run's and its commits') carry the trace id while the run is traced. */
    static LogContext.Scope traced(LogContext logContext, @Nullable String traceId) {
        return traceId == null ? () -> {} : logContext.put("trace_id", traceId);
    }

    private void begin(Checkpoints run) {
        Debate debate = run.state().debate();
        if (debate.status() == DebateStatus.QUEUED) {
            run.commitBehind(StageResult.ending(List.of(), null), d -> d.start(clock.instant()));
            return;
        }
        String message = "resumed by another worker at stage " + debate.nextStage()
                + " after the previous one stopped; committed stages are kept";
        run.commitBehind(
                StageResult.ending(List.of(new EventPayload.Notice("info", message)), null),
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
            Stage.Planned planned = stage.plan(state);
            if (BudgetPolicy.check(state.debate().config().budget(), state.spent(), planned.estimate())
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
                result = planned.run(control);
                telemetry.stageFinished(stage.name(), Duration.ofNanos(System.nanoTime() - stageStarted));
                if (result.ending() instanceof Ending.Failed f) {
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
            if (result.ending() instanceof Ending.Cancelled) {
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
            if (result.ending() instanceof Ending.Failed f) {
                // A failed stage is not a checkpoint either: its events (who failed, why) are kept, its rows are
                // not, and the checkpoint stays before it, so a retry runs it whole.
                run.commitNow(StageResult.ending(result.events(), f), d -> d.end(f, clock.instant()));
                return;
            }
            int next = i + 1;
            Ending ending = result.ending();
            UnaryOperator<Debate> transition = ending == null
                    ? d -> d.checkpoint(next, clock.instant())
                    : d -> d.checkpoint(next, clock.instant()).end(ending, clock.instant());
            if (ending != null || next == stages.size()) {
                run.commitNow(result, transition);
                return;
            }
            run.commitBehind(result, transition);
        }
    }

    private void cancel(Checkpoints run) {
        Ending.Cancelled cancelled = new Ending.Cancelled();
        run.commitNow(
                StageResult.ending(List.of(new EventPayload.DebateCancelled()), cancelled),
                d -> d.end(cancelled, clock.instant()));
    }

    private void fail(Checkpoints run, String reason, String detail) {
        Ending.Failed failed = new Ending.Failed(reason, detail);
        run.commitNow(
                StageResult.ending(List.of(new EventPayload.DebateFailed(reason, detail)), failed),
                d -> d.end(failed, clock.instant()));
    }

    private void budgetExhausted(Checkpoints run, Stage stage, BudgetPolicy.Decision.Exhausted exhausted) {
        DebateState state = run.state();
        String detail = "stopped before " + stage.name() + ": " + exhausted.detail();
        String content = Pipeline.bestAnswer(state).orElse(null);
        List<EventPayload> payloads = List.of(
                new EventPayload.Notice("warn", "budget exhausted (" + exhausted.limit() + "): " + detail),
                new EventPayload.Final(content, Pipeline.meta(state, List.of("budget_exhausted"))));
        Ending.CompletedWithWarnings stopped = new Ending.CompletedWithWarnings(content, "budget_exhausted", detail);
        run.commitNow(StageResult.ending(payloads, stopped), d -> d.end(stopped, clock.instant()));
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
