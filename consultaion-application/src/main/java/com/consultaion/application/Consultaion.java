package com.consultaion.application;

import com.consultaion.application.port.in.AssignPlanUseCase;
import com.consultaion.application.port.in.BillingQueries;
import com.consultaion.application.port.in.CancelDebateUseCase;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.ExportDebateUseCase;
import com.consultaion.application.port.in.GetDebateQuery;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.port.in.LeaderboardQueries;
import com.consultaion.application.port.in.ListDebatesQuery;
import com.consultaion.application.port.in.ModelQueries;
import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.in.RecomputeRatingsUseCase;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.in.RetryDebateUseCase;
import com.consultaion.application.port.in.RouteModelQuery;
import com.consultaion.application.port.in.StartDebateCommand;
import com.consultaion.application.port.in.StartDebateUseCase;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.LogContext;
import com.consultaion.application.port.out.ModelCatalog;
import com.consultaion.application.port.out.RatingStore;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.port.out.Tracing;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.TranscriptRepository;
import com.consultaion.application.port.out.WorkLeases;
import com.consultaion.application.service.BillingService;
import com.consultaion.application.service.DebateControlService;
import com.consultaion.application.service.DebateJournal;
import com.consultaion.application.service.DebateQueries;
import com.consultaion.application.service.DebateRunner;
import com.consultaion.application.service.DebateWorker;
import com.consultaion.application.service.ExportService;
import com.consultaion.application.service.LeaderboardService;
import com.consultaion.application.service.RoutingService;
import com.consultaion.application.service.StartDebateService;
import com.consultaion.application.service.pipeline.ModelCalls;
import com.consultaion.application.service.pipeline.Pipeline;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.plan.Plan;
import com.consultaion.domain.rating.Leaderboard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The embeddable Consultaion: start, run, cancel and read debates from plain Java, no framework needed. Build it
 * with the ports you want (in-memory stores and a lambda {@link ChatModel} are enough); it starts a worker that
 * runs debates on virtual threads. Everything it does is on behalf of the embedding application
 * ({@link Requester#system()}).
 *
 * <pre>{@code
 * try (Consultaion consultaion = Consultaion.builder()
 *         .chatModel(request -> CompletableFuture.completedFuture(myModel.answer(request)))
 *         .stores(InMemoryStores.create())
 *         .build()) {
 *     Debate done = consultaion.startAndAwait("Should we adopt a four-day week?", Duration.ofMinutes(2));
 *     System.out.println(done.finalContent().orElseThrow());
 * }
 * }</pre>
 */
public final class Consultaion implements AutoCloseable {

    private final StartDebateService starter;
    private final DebateQueries queries;
    private final DebateControlService control;
    private final DebateWorker worker;
    private final RoutingService routing;
    private final LeaderboardService leaderboard;
    private final BillingService billing;
    private final ExportService exports;
    private final DebateEventBus bus;
    private final ExecutorService calls;
    private final String defaultModel;

    private Consultaion(Builder b, ChatModel chatModel, Stores s) {
        Clock clock = b.clock;
        this.bus = s.bus();
        this.calls = Executors.newVirtualThreadPerTaskExecutor();
        this.defaultModel = b.defaultModel;
        Pipeline pipeline =
                new Pipeline(new ModelCalls(chatModel, calls, b.telemetry, b.tracing, b.models::alternatives), clock);
        this.leaderboard = new LeaderboardService(
                s.ratings(), s.transactions(), b.leaderboardSettings, b.leaderboardRefreshDelay, b.audit, clock);
        this.billing =
                new BillingService(s.billing(), b.models, b.plans, b.defaultPlan, clock, s.transactions(), b.audit);
        DebateJournal journal = new DebateJournal(s.debates(), s.events(), s.bus(), s.transactions());
        DebateRunner runner = new DebateRunner(
                s.debates(),
                s.transcripts(),
                s.events(),
                journal,
                s.leases(),
                pipeline,
                leaderboard,
                billing,
                b.telemetry,
                b.tracing,
                b.logContext,
                clock);
        this.worker = new DebateWorker(s.leases(), s.debates(), runner, clock, b.workerSettings, b.logContext);
        this.routing = new RoutingService(b.models, billing);
        this.starter = new StartDebateService(
                s.debates(),
                journal,
                worker,
                s.leases(),
                clock,
                b.ids,
                b.models,
                billing,
                b.telemetry,
                b.tracing,
                b.audit,
                pipeline,
                routing);
        this.queries = new DebateQueries(s.debates(), s.transcripts(), s.events());
        this.exports = new ExportService(queries, billing, b.audit, clock);
        this.control = new DebateControlService(s.debates(), s.events(), journal, worker, clock, billing, b.telemetry);
        if (b.startWorker) {
            worker.start();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Queues a debate with the default panel, all on the default model. */
    public Debate start(String prompt) {
        return start(prompt, DebateConfig.defaults(defaultModel));
    }

    public Debate start(String prompt, DebateConfig config) {
        return start(prompt, DebateMode.DEBATE, config);
    }

    /** The models debates can name, and the default config. */
    public ModelQueries modelQueries() {
        return routing;
    }

    /** Which model a debate runs on: by routing policy, or the one the request names. */
    public RouteModelQuery routeModelQuery() {
        return routing;
    }

    /**
     * Starts a debate in any mode. A parliament takes its seats from {@code config.panel()} (see {@link
     * DebateConfig#withPanel}) or, without one, sits the default panel on the config's first agent's model; a
     * conversation reads {@code config.conversation()}.
     */
    public Debate start(String prompt, DebateMode mode, DebateConfig config) {
        return starter.start(StartDebateCommand.of(Requester.system(), prompt, mode, config));
    }

    /** Starts a debate and waits until it reaches a terminal state. */
    public Debate startAndAwait(String prompt, Duration timeout) throws TimeoutException {
        return await(start(prompt).id(), timeout);
    }

    public Optional<Debate> get(DebateId id) {
        return queries.get(id, Requester.system());
    }

    public Optional<GetTranscriptQuery.Transcript> transcript(DebateId id) {
        return queries.transcript(id, Requester.system());
    }

    public List<DebateEvent> events(DebateId id, long afterSeq) {
        return queries.readAfter(id, Requester.system(), afterSeq, 1000).orElse(List.of());
    }

    public Optional<Debate> cancel(DebateId id) {
        return control.cancel(id, Requester.system());
    }

    public Optional<Debate> retry(DebateId id) {
        return control.retry(id, Requester.system());
    }

    /** Waits for a terminal state, woken by the event bus (and re-checking every 200 ms). */
    public Debate await(DebateId id, Duration timeout) throws TimeoutException {
        Instant until = Instant.now().plus(timeout);
        Semaphore changed = new Semaphore(0);
        try (DebateEventBus.Subscription ignored = bus.subscribe(id, seq -> changed.release())) {
            while (true) {
                Debate debate = get(id).orElseThrow(() -> new IllegalArgumentException("no debate " + id));
                if (debate.status().isTerminal()) {
                    return debate;
                }
                long left = Duration.between(Instant.now(), until).toMillis();
                if (left <= 0) {
                    throw new TimeoutException(
                            "debate " + id + " is still " + debate.status().wireName());
                }
                changed.tryAcquire(Math.min(left, 200), TimeUnit.MILLISECONDS);
                changed.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for " + id);
        }
    }

    // --- the use cases, for adapters that act on behalf of many requesters (the HTTP API) ---

    public StartDebateUseCase startDebateUseCase() {
        return starter;
    }

    public GetDebateQuery getDebateQuery() {
        return queries;
    }

    public ListDebatesQuery listDebatesQuery() {
        return queries;
    }

    public GetTranscriptQuery getTranscriptQuery() {
        return queries;
    }

    public ReadDebateEventsQuery readDebateEventsQuery() {
        return queries;
    }

    public CancelDebateUseCase cancelDebateUseCase() {
        return control;
    }

    public RetryDebateUseCase retryDebateUseCase() {
        return control;
    }

    /** The leaderboard and persona statistics. */
    public LeaderboardQueries leaderboardQueries() {
        return leaderboard;
    }

    /** Rebuilds every leaderboard from the stored matches now (the numbers equal those kept after each debate). */
    public LeaderboardQueries.Recomputed recomputeRatings() {
        return leaderboard.recompute(Requester.system(), ClientContext.NONE);
    }

    public RecomputeRatingsUseCase recomputeRatingsUseCase() {
        return leaderboard;
    }

    /** Markdown and CSV exports, checked against the plan and audited. */
    public ExportDebateUseCase exportDebateUseCase() {
        return exports;
    }

    /** An admin's plan change, audited. */
    public AssignPlanUseCase assignPlanUseCase() {
        return billing;
    }

    /** Plans, a user's usage, and the plan checks. */
    public BillingQueries billingQueries() {
        return billing;
    }

    /** Debates this node's worker is running now. */
    public int activeDebates() {
        return worker.activeCount();
    }

    /** Stops the worker: debates in flight are handed back and resume at their last checkpoint next time. */
    @Override
    public void close() {
        worker.close();
        calls.shutdownNow();
    }

    /** Assembles a {@link Consultaion} from its ports. */
    public static final class Builder {
        private @Nullable ChatModel chatModel;
        private @Nullable Stores stores;
        private List<Plan> plans = Plan.DEFAULTS;
        private String defaultPlan = Plan.DEFAULT_SLUG;
        private LogContext logContext = LogContext.NONE;
        private Telemetry telemetry = Telemetry.NONE;
        private Tracing tracing = Tracing.NONE;
        private Leaderboard.Settings leaderboardSettings = Leaderboard.Settings.DEFAULT;
        private Duration leaderboardRefreshDelay = Duration.ZERO;
        private Clock clock = Clock.systemUTC();
        private Supplier<DebateId> ids = DebateId::random;
        private String defaultModel = "local";
        private DebateWorker.Settings workerSettings = DebateWorker.Settings.defaults("embedded-" + UUID.randomUUID());
        private boolean startWorker = true;
        private AuditTrail audit = AuditTrail.NONE;
        private ModelCatalog models = ModelCatalog.ANY;

        private Builder() {}

        /** Where started debates are recorded ({@code debate_created}); {@code AuditTrail.NONE} by default. */
        public Builder audit(AuditTrail audit) {
            this.audit = Objects.requireNonNull(audit);
            return this;
        }

        public Builder chatModel(ChatModel chatModel) {
            this.chatModel = chatModel;
            return this;
        }

        /** All store ports at once, from one adapter (in-memory or JDBI). */
        public Builder stores(Stores stores) {
            this.stores = Objects.requireNonNull(stores);
            return this;
        }

        /** Where the worker names the debate it runs, for the log lines written meanwhile; nowhere by default. */
        public Builder logContext(LogContext logContext) {
            this.logContext = Objects.requireNonNull(logContext);
            return this;
        }

        /**
         * Where the core reports spans (a debate's run, its stages, every model call), continuing the trace of
         * the request that started the debate; none by default.
         */
        public Builder tracing(Tracing tracing) {
            this.tracing = Objects.requireNonNull(tracing);
            return this;
        }

        /** Where the core reports metrics (debates, stages, model calls, quota refusals); none by default. */
        public Builder telemetry(Telemetry telemetry) {
            this.telemetry = Objects.requireNonNull(telemetry);
            return this;
        }

        /** The plans users can be on, and the one new accounts get; {@link Plan#DEFAULTS}. */
        public Builder plans(List<Plan> plans, String defaultPlan) {
            this.plans = List.copyOf(plans);
            this.defaultPlan = Objects.requireNonNull(defaultPlan);
            return this;
        }

        /** How leaderboards are computed (bootstrap rounds, seed, prior); {@link Leaderboard.Settings#DEFAULT}. */
        public Builder leaderboard(Leaderboard.Settings settings) {
            this.leaderboardSettings = Objects.requireNonNull(settings);
            return this;
        }

        /**
         * How long the background refresh of the boards waits after a rated debate, so that debates completing
         * together share one refresh; zero (the default) refreshes at once.
         */
        public Builder leaderboardRefreshDelay(Duration delay) {
            this.leaderboardRefreshDelay = Objects.requireNonNull(delay);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder ids(Supplier<DebateId> ids) {
            this.ids = Objects.requireNonNull(ids);
            return this;
        }

        /** The model the default panel runs on ({@code local} unless set). */
        public Builder defaultModel(String model) {
            this.defaultModel = Objects.requireNonNull(model);
            return this;
        }

        public Builder worker(DebateWorker.Settings settings) {
            this.workerSettings = Objects.requireNonNull(settings);
            return this;
        }

        /** Which models debates may name; by default any (the chat model decides). */
        public Builder models(ModelCatalog catalog) {
            this.models = Objects.requireNonNull(catalog);
            this.defaultModel = catalog.defaultModel();
            return this;
        }

        /** Without a worker, debates stay queued here (another node of the same database runs them). */
        public Builder startWorker(boolean start) {
            this.startWorker = start;
            return this;
        }

        public Consultaion build() {
            return new Consultaion(
                    this, Objects.requireNonNull(chatModel, "chatModel"), Objects.requireNonNull(stores, "stores"));
        }
    }

    /** The store ports one persistence adapter provides. */
    public interface Stores {
        DebateRepository debates();

        TranscriptRepository transcripts();

        DebateEventStore events();

        DebateEventBus bus();

        Transactions transactions();

        WorkLeases leases();

        RatingStore ratings();

        BillingStore billing();
    }

    /** Convenience: a {@link Stores} from its parts. */
    public record StoreSet(
            DebateRepository debates,
            TranscriptRepository transcripts,
            DebateEventStore events,
            DebateEventBus bus,
            Transactions transactions,
            WorkLeases leases,
            RatingStore ratings,
            BillingStore billing)
            implements Stores {}

    /** A start command for the default panel, for callers that build commands themselves. */
    public static StartDebateCommand command(String prompt, DebateConfig config) {
        return StartDebateCommand.of(Requester.system(), prompt, DebateMode.DEBATE, config);
    }
}
