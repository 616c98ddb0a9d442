package com.consultaion.application;

import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.application.port.in.ApiKeyUseCases;
import com.consultaion.application.port.in.AssignPlanUseCase;
import com.consultaion.application.port.in.AuthenticateQuery;
import com.consultaion.application.port.in.BillingQueries;
import com.consultaion.application.port.in.CancelDebateUseCase;
import com.consultaion.application.port.in.CheckReadinessQuery;
import com.consultaion.application.port.in.ExportDebateUseCase;
import com.consultaion.application.port.in.ExternalSignInUseCase;
import com.consultaion.application.port.in.GetDebateQuery;
import com.consultaion.application.port.in.GetTranscriptQuery;
import com.consultaion.application.port.in.LeaderboardQueries;
import com.consultaion.application.port.in.ListDebatesQuery;
import com.consultaion.application.port.in.ModelQueries;
import com.consultaion.application.port.in.PersonalDataQuery;
import com.consultaion.application.port.in.PurgeRetentionUseCase;
import com.consultaion.application.port.in.ReadDebateEventsQuery;
import com.consultaion.application.port.in.RecomputeRatingsUseCase;
import com.consultaion.application.port.in.RetryDebateUseCase;
import com.consultaion.application.port.in.RouteModelQuery;
import com.consultaion.application.port.in.StartDebateUseCase;
import com.consultaion.application.port.in.TeamUseCases;
import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.application.port.out.ChatModel;
import com.consultaion.application.port.out.ContentEraser;
import com.consultaion.application.port.out.DebateEventBus;
import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.ExternalSignInStore;
import com.consultaion.application.port.out.IdentityStore;
import com.consultaion.application.port.out.LoginAttempts;
import com.consultaion.application.port.out.PasswordHasher;
import com.consultaion.application.port.out.PaymentStore;
import com.consultaion.application.port.out.RatingStore;
import com.consultaion.application.port.out.SessionRepository;
import com.consultaion.application.port.out.TeamRepository;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.TranscriptRepository;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.application.port.out.WorkLeases;
import com.consultaion.application.service.AccountService;
import com.consultaion.application.service.ApiKeyService;
import com.consultaion.application.service.AuthenticationService;
import com.consultaion.application.service.BillingService;
import com.consultaion.application.service.DebateControlService;
import com.consultaion.application.service.DebateJournal;
import com.consultaion.application.service.DebateQueries;
import com.consultaion.application.service.DebateRunner;
import com.consultaion.application.service.DebateWorker;
import com.consultaion.application.service.ExportService;
import com.consultaion.application.service.ExternalSignInService;
import com.consultaion.application.service.LeaderboardService;
import com.consultaion.application.service.PersonalDataService;
import com.consultaion.application.service.ReadinessService;
import com.consultaion.application.service.RetentionService;
import com.consultaion.application.service.RoutingService;
import com.consultaion.application.service.StartDebateService;
import com.consultaion.application.service.TeamService;
import com.consultaion.application.service.pipeline.LiveFeed;
import com.consultaion.application.service.pipeline.ModelCalls;
import com.consultaion.application.service.pipeline.Pipeline;
import com.consultaion.domain.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The composition root of the core: the one place where outbound ports become use cases. {@link Consultaion}
 * (the embedding API) and the service's bootstrap both build it through {@link Consultaion.Builder}; the service
 * binds its use cases as beans, an embedder calls them directly. The account use cases exist when account stores
 * were given ({@link Consultaion.Builder#accounts}).
 */
public final class Core implements AutoCloseable {

    private final StartDebateService starter;
    private final DebateQueries queries;
    private final DebateControlService control;
    private final DebateWorker worker;
    private final RoutingService routing;
    private final LeaderboardService leaderboard;
    private final BillingService billing;
    private final ExportService exports;
    private final ReadinessService readiness;
    private final DebateEventBus bus;
    private final ExecutorService calls;
    private final @Nullable Accounts accounts;

    /** The account use cases, assembled together. */
    private record Accounts(
            AccountService accounts,
            ApiKeyService apiKeys,
            TeamService teams,
            AuthenticationService authentication,
            RetentionService retention,
            PersonalDataService personalData,
            ExternalSignInService externalSignIn) {}

    /** The most often a call's streamed text is published to live viewers (its first piece goes out at once). */
    static final Duration LIVE_EVERY = Duration.ofMillis(50);

    Core(Consultaion.Builder b, ChatModel chatModel, Core.Stores s) {
        Clock clock = b.clock;
        this.bus = s.bus();
        this.calls = Executors.newVirtualThreadPerTaskExecutor();
        Pipeline pipeline = new Pipeline(
                new ModelCalls(
                        chatModel,
                        calls,
                        b.telemetry,
                        b.tracing,
                        b.models::alternatives,
                        b.liveText ? new LiveFeed(s.bus(), clock, LIVE_EVERY) : LiveFeed.NONE),
                clock);
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
        this.readiness = new ReadinessService(b.readinessProbes);
        Core.AccountStores a = b.accountStores;
        this.accounts = a == null || b.passwordHasher == null ? null : accounts(b, a, b.passwordHasher, s, clock);
    }

    private static Accounts accounts(
            Consultaion.Builder b, Core.AccountStores a, PasswordHasher hasher, Core.Stores s, Clock clock) {
        AccountService accountService = new AccountService(
                a.users(),
                a.sessions(),
                a.apiKeys(),
                a.attempts(),
                hasher,
                a.audit(),
                a.eraser(),
                a.teams(),
                s.transactions(),
                clock);
        return new Accounts(
                accountService,
                new ApiKeyService(a.apiKeys(), a.audit(), clock),
                new TeamService(a.teams(), a.users(), s.debates(), a.audit(), s.transactions(), clock),
                new AuthenticationService(a.identities(), a.apiKeys(), clock),
                new RetentionService(a.eraser(), a.audit(), clock, b.retainDebates, b.retainAudit),
                new PersonalDataService(
                        a.users(),
                        s.debates(),
                        s.events(),
                        a.teams(),
                        a.apiKeys(),
                        s.billing(),
                        a.payments(),
                        a.audit(),
                        clock),
                new ExternalSignInService(
                        b.identityProviders,
                        a.externalSignIn(),
                        a.users(),
                        accountService,
                        hasher,
                        s.transactions(),
                        a.audit(),
                        clock));
    }

    /** Starts the worker (when the builder asked for one). */
    void startWorker() {
        worker.start();
    }

    DebateEventBus bus() {
        return bus;
    }

    /** Debates this node's worker is running now. */
    public int activeDebates() {
        return worker.activeCount();
    }

    public StartDebateUseCase startDebate() {
        return starter;
    }

    public GetDebateQuery getDebate() {
        return queries;
    }

    public ListDebatesQuery listDebates() {
        return queries;
    }

    public GetTranscriptQuery getTranscript() {
        return queries;
    }

    public ReadDebateEventsQuery readDebateEvents() {
        return queries;
    }

    public CancelDebateUseCase cancelDebate() {
        return control;
    }

    public RetryDebateUseCase retryDebate() {
        return control;
    }

    /** Markdown and CSV exports, checked against the plan and audited. */
    public ExportDebateUseCase exportDebate() {
        return exports;
    }

    /** Which model a debate runs on: by routing policy, or the one the request names. */
    public RouteModelQuery routeModel() {
        return routing;
    }

    /** The models debates can name, and the default config. */
    public ModelQueries models() {
        return routing;
    }

    /** The leaderboard and persona statistics. */
    public LeaderboardQueries leaderboard() {
        return leaderboard;
    }

    public RecomputeRatingsUseCase recomputeRatings() {
        return leaderboard;
    }

    /** Plans, a user's usage, and the plan checks. */
    public BillingQueries billing() {
        return billing;
    }

    /** An admin's plan change, audited. */
    public AssignPlanUseCase assignPlan() {
        return billing;
    }

    public CheckReadinessQuery readiness() {
        return readiness;
    }

    public AccountUseCases accounts() {
        return accountParts().accounts();
    }

    public ApiKeyUseCases apiKeys() {
        return accountParts().apiKeys();
    }

    public TeamUseCases teams() {
        return accountParts().teams();
    }

    public AuthenticateQuery authenticate() {
        return accountParts().authentication();
    }

    /** Everything held about a person, for them to take away. */
    public PersonalDataQuery personalData() {
        return accountParts().personalData();
    }

    /** Sign-in through the configured OpenID Connect providers. */
    public ExternalSignInUseCase externalSignIn() {
        return accountParts().externalSignIn();
    }

    /** Erases finished debates and deletes audit entries past their retention periods. */
    public PurgeRetentionUseCase retention() {
        return accountParts().retention();
    }

    private Accounts accountParts() {
        if (accounts == null) {
            throw new IllegalStateException(
                    "no account stores were given: build with Consultaion.builder().accounts(stores, hasher)");
        }
        return accounts;
    }

    /** Stops the worker: debates in flight are handed back and resume at their last checkpoint next time. */
    @Override
    public void close() {
        worker.close();
        calls.shutdownNow();
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

    /** The account store ports of one persistence adapter. */
    public interface AccountStores {
        UserRepository users();

        SessionRepository sessions();

        ApiKeyRepository apiKeys();

        LoginAttempts attempts();

        AuditTrail audit();

        ContentEraser eraser();

        TeamRepository teams();

        IdentityStore identities();

        PaymentStore payments();

        ExternalSignInStore externalSignIn();
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
}
