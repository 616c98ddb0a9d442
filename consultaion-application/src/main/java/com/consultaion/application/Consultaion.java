package com.consultaion.application;

import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.port.in.LeaderboardQueries;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.in.StartDebateCommand;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.IdentityProvider;
import com.consultaion.application.port.out.LogContext;
import com.consultaion.application.port.out.ModelCatalog;
import com.consultaion.application.port.out.PasswordHasher;
import com.consultaion.application.port.out.ReadinessProbe;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.port.out.Tracing;
import com.consultaion.application.service.DebateWorker;
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

    private final Core core;
    private final String defaultModel;

    private Consultaion(Core core, String defaultModel) {
        this.core = core;
        this.defaultModel = defaultModel;
    }

    /** Every use case, for adapters that act on behalf of many requesters (the HTTP API). */
    public Core core() {
        return core;
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

    /**
     * Starts a debate in any mode. A parliament takes its seats from {@code config.panel()} (see {@link
     * DebateConfig#withPanel}) or, without one, sits the default panel on the config's first agent's model; a
     * conversation reads {@code config.conversation()}.
     */
    public Debate start(String prompt, DebateMode mode, DebateConfig config) {
        return core.startDebate().start(StartDebateCommand.of(Requester.system(), prompt, mode, config));
    }

    /** Starts a debate and waits until it reaches a terminal state. */
    public Debate startAndAwait(String prompt, Duration timeout) throws TimeoutException {
        return await(start(prompt).id(), timeout);
    }

    public Optional<Debate> get(DebateId id) {
        return core.getDebate().get(id, Requester.system());
    }

    public Optional<GetTranscriptQuery.Transcript> transcript(DebateId id) {
        return core.getTranscript().transcript(id, Requester.system());
    }

    public List<DebateEvent> events(DebateId id, long afterSeq) {
        return core.readDebateEvents()
                .readAfter(id, Requester.system(), afterSeq, 1000)
                .orElse(List.of());
    }

    public Optional<Debate> cancel(DebateId id) {
        return core.cancelDebate().cancel(id, Requester.system());
    }

    public Optional<Debate> retry(DebateId id) {
        return core.retryDebate().retry(id, Requester.system());
    }

    /** Waits for a terminal state, woken by the event bus (and re-checking every 200 ms). */
    public Debate await(DebateId id, Duration timeout) throws TimeoutException {
        Instant until = Instant.now().plus(timeout);
        Semaphore changed = new Semaphore(0);
        try (DebateEventBus.Subscription ignored = core.bus().subscribe(id, seq -> changed.release())) {
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

    /** Rebuilds every leaderboard from the stored matches now (the numbers equal those kept after each debate). */
    public LeaderboardQueries.Recomputed recomputeRatings() {
        return core.recomputeRatings().recompute(Requester.system(), ClientContext.NONE);
    }

    /** Debates this node's worker is running now. */
    public int activeDebates() {
        return core.activeDebates();
    }

    /** Stops the worker: debates in flight are handed back and resume at their last checkpoint next time. */
    @Override
    public void close() {
        core.close();
    }

    /** Assembles a {@link Consultaion} from its ports. */
    public static final class Builder {
        @Nullable
        ChatModel chatModel;

        @Nullable
        Core.Stores stores;

        List<Plan> plans = Plan.DEFAULTS;
        String defaultPlan = Plan.DEFAULT_SLUG;
        LogContext logContext = LogContext.NONE;
        Telemetry telemetry = Telemetry.NONE;
        Tracing tracing = Tracing.NONE;
        Leaderboard.Settings leaderboardSettings = Leaderboard.Settings.DEFAULT;
        Duration leaderboardRefreshDelay = Duration.ZERO;
        boolean liveText = true;
        Clock clock = Clock.systemUTC();
        Supplier<DebateId> ids = DebateId::random;
        String defaultModel = "local";
        DebateWorker.Settings workerSettings = DebateWorker.Settings.defaults("embedded-" + UUID.randomUUID());
        boolean startWorker = true;

        @Nullable
        Core.AccountStores accountStores;

        @Nullable
        PasswordHasher passwordHasher;

        Duration retainDebates = Duration.ofDays(365);
        Duration retainAudit = Duration.ofDays(365);
        List<ReadinessProbe> readinessProbes = List.of();
        AuditTrail audit = AuditTrail.NONE;
        ModelCatalog models = ModelCatalog.ANY;
        List<IdentityProvider> identityProviders = List.of();

        private Builder() {}

        /** OpenID Connect providers accounts may sign in with ({@link Core#externalSignIn()}); none by default. */
        public Builder identityProviders(List<IdentityProvider> providers) {
            this.identityProviders = List.copyOf(providers);
            return this;
        }

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
        public Builder stores(Core.Stores stores) {
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
         * Whether model calls' streamed text goes to the debates' live subscribers (on by default; off, only the
         * committed events stream).
         */
        public Builder liveText(boolean on) {
            this.liveText = on;
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

        /**
         * The account stores and the password hasher: with them the core also offers accounts, API keys, teams,
         * authentication and retention ({@link Core#accounts()} …).
         */
        public Builder accounts(Core.AccountStores stores, PasswordHasher hasher) {
            this.accountStores = Objects.requireNonNull(stores);
            this.passwordHasher = Objects.requireNonNull(hasher);
            return this;
        }

        /** How long finished debates keep their content and audit entries are kept; 365 days each by default. */
        public Builder retention(Duration debates, Duration audit) {
            this.retainDebates = Objects.requireNonNull(debates);
            this.retainAudit = Objects.requireNonNull(audit);
            return this;
        }

        /** What readiness checks (the database, the models …); none by default, which reports not ready. */
        public Builder readiness(List<ReadinessProbe> probes) {
            this.readinessProbes = List.copyOf(probes);
            return this;
        }

        /** Assembles the core without the embedding API (the service binds its use cases as beans). */
        public Core buildCore() {
            Core core = new Core(
                    this, Objects.requireNonNull(chatModel, "chatModel"), Objects.requireNonNull(stores, "stores"));
            if (startWorker) {
                core.startWorker();
            }
            return core;
        }

        public Consultaion build() {
            return new Consultaion(buildCore(), defaultModel);
        }
    }

    /** A start command for the default panel, for callers that build commands themselves. */
    public static StartDebateCommand command(String prompt, DebateConfig config) {
        return StartDebateCommand.of(Requester.system(), prompt, DebateMode.DEBATE, config);
    }
}
