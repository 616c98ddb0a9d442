package com.consultaion.application.service;

import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.QuotaExceeded;
import com.consultaion.application.port.in.RouteModelQuery;
import com.consultaion.application.port.in.StartDebateCommand;
import com.consultaion.application.port.in.StartDebateUseCase;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.ModelCatalog;
import com.consultaion.application.port.out.Telemetry;
import com.consultaion.application.port.out.Tracing;
import com.consultaion.application.port.out.WorkLeases;
import com.consultaion.application.port.out.WorkSignals;
import com.consultaion.application.service.pipeline.DebateState;
import com.consultaion.application.service.pipeline.Pipeline;
import com.consultaion.application.service.pipeline.Stage;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.Violations;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.Budget;
import com.consultaion.domain.debate.BudgetPolicy;
import com.consultaion.domain.debate.Category;
import com.consultaion.domain.debate.ClientConfigFields;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.JudgeSpec;
import com.consultaion.domain.debate.Panel;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.event.EventPayload;
import com.consultaion.domain.routing.Router;
import com.consultaion.domain.routing.Routing;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Use case: a new debate is stored as queued together with its first event ({@code debate_created}, seq 1) in
 * one transaction, announced, and handed to the worker. When this node's worker has room, the same transaction
 * claims the debate for it and the worker starts it at once; otherwise any node's worker claims it.
 */
public final class StartDebateService implements StartDebateUseCase {

    private final DebateRepository debates;
    private final DebateJournal journal;
    private final WorkSignals signals;
    private final WorkLeases leases;
    private final AuditTrail audit;
    private final Pipeline pipeline;
    private final RouteModelQuery routes;
    private final Clock clock;
    private final Supplier<DebateId> ids;
    private final ModelCatalog models;
    private final BillingService billing;
    private final Telemetry telemetry;
    private final Tracing tracing;

    public StartDebateService(
            DebateRepository debates,
            DebateJournal journal,
            WorkSignals signals,
            WorkLeases leases,
            Clock clock,
            Supplier<DebateId> ids,
            ModelCatalog models,
            BillingService billing,
            Telemetry telemetry,
            Tracing tracing,
            AuditTrail audit,
            Pipeline pipeline,
            RouteModelQuery routes) {
        this.routes = routes;
        this.pipeline = pipeline;
        this.tracing = tracing;
        this.audit = audit;
        this.debates = debates;
        this.journal = journal;
        this.signals = signals;
        this.leases = leases;
        this.clock = clock;
        this.ids = ids;
        this.models = models;
        this.billing = billing;
        this.telemetry = telemetry;
    }

    /**
     * A budget below what the first stage needs could never produce an answer (the run would stop before its first
     * call and end with no content): refused now, with the estimate, instead of accepted and wasted.
     */
    private long refuseBudgetThatCannotAnswer(Debate debate) {
        List<Stage> stages = pipeline.stages(debate.mode(), debate.config());
        if (stages.isEmpty()) {
            return 0;
        }
        BudgetPolicy.Estimate first = stages.get(0)
                .plan(new DebateState(debate, List.of(), List.of(), null))
                .estimate();
        Budget budget = debate.config().budget();
        Violations v = new Violations();
        v.check(
                first.tokens() <= budget.maxTokens(),
                "config.budget.max_tokens",
                "budget.below_first_stage",
                "the first stage (" + stages.get(0).name() + ") needs about " + first.tokens()
                        + " tokens; at least that is needed for an answer (got " + budget.maxTokens() + ")");
        v.check(
                first.costUsd() <= budget.maxCostUsd() + 1e-12,
                "config.budget.max_cost_usd",
                "budget.below_first_stage",
                "the first stage (" + stages.get(0).name() + ") costs about " + BudgetPolicy.usd(first.costUsd())
                        + "; at least that is needed for an answer (got " + BudgetPolicy.usd(budget.maxCostUsd())
                        + ")");
        v.throwIfAny();
        return first.tokens();
    }

    /** The request, parsed and checked: every bad field of it reported at once. */
    private record Parsed(
            Prompt prompt,
            DebateMode mode,
            DebateConfig config,
            @Nullable String category) {}

    private Parsed parse(StartDebateCommand command) {
        Violations v = new Violations();
        String cat = v.capture("", () -> Category.normalize(command.category()));
        Prompt prompt = v.capture("", () -> Prompt.of(command.prompt()));
        DebateMode parsed = v.capture("", () -> DebateMode.parse(command.mode()));
        // A panel is a parliament's: the original service ran a debate with a panel as one, and its web app sends
        // mode "debate" with its panel, so a panel with mode debate (or none) starts a parliament.
        DebateMode mode = parsed == DebateMode.DEBATE
                        && command.config() instanceof StartDebateCommand.ClientFields fields
                        && fields.panel() != null
                ? DebateMode.PARLIAMENT
                : parsed;
        DebateConfig config = switch (command.config()) {
            case StartDebateCommand.Given given -> given.config();
            case StartDebateCommand.ClientFields fields -> fromClient(command, fields, mode, v);
        };
        if (mode == DebateMode.PARLIAMENT && config != null && config.panel() == null) {
            // No panel given: the default panel, seated on the config's first agent's model.
            DebateConfig base = config;
            config = v.capture(
                    "panel_config",
                    () -> base.withPanel(Panel.defaults(base.agents().get(0).model())));
        }
        if (config != null) {
            config = config.withModels(models::canonical);
            checkModels(config, v);
        }
        v.throwIfAny();
        return new Parsed(
                Objects.requireNonNull(prompt), Objects.requireNonNull(mode), Objects.requireNonNull(config), cat);
    }

    /**
     * A client's config: routed first (a named model overrides the policy; either way the candidates' scores are
     * kept), then read with the routed model as the default for every seat. What the service decides (the routing
     * record, a parliament's seats) is never read from the client: a client that sends it, or any key the API
     * does not know, gets 422 naming each one.
     */
    private @Nullable DebateConfig fromClient(
            StartDebateCommand command,
            StartDebateCommand.ClientFields fields,
            @Nullable DebateMode mode,
            Violations v) {
        String named = command.model() == null || command.model().isBlank()
                ? null
                : command.model().strip();
        // The original service's clients name a routing policy as a model ("router-smart", "router-deep"): the
        // policy routes; any other name is read through the catalogue's aliases (its ids, "gpt4o-mini", …).
        Router.Policy namedPolicy = named == null ? null : policyNamed(named);
        String requested = named == null || namedPolicy != null ? null : models.canonical(named);
        Router.Policy policy =
                namedPolicy != null ? namedPolicy : v.capture("", () -> Router.Policy.parse(command.routingPolicy()));
        boolean available = requested == null || models.isAvailable(requested);
        String shown = requested == null || requested.equals(named) ? requested : named + " (" + requested + ")";
        v.check(available, "model_id", "model.unavailable", "model " + shown + " is not available");
        if (policy == null || !available) {
            return null;
        }
        Routing routing = routes.route(command.requester(), requested, policy.wireName());
        String model = routing.routedModel();
        Map<String, Object> clientConfig = fields.config() == null ? Map.of() : fields.config();
        DebateConfig config = v.capture(
                "config",
                () -> ClientConfigFields.fromClientFields(clientConfig, model).withRouting(routing));
        Map<String, Object> panelFields = fields.panel();
        if (panelFields == null) {
            return config;
        }
        Panel panel = v.capture("panel_config", () -> ClientConfigFields.panelFromClientFields(panelFields, model));
        v.check(
                mode == null || mode == DebateMode.PARLIAMENT,
                "panel_config",
                "panel_config.mode",
                "a panel is only used by mode parliament");
        if (config == null || panel == null || mode != DebateMode.PARLIAMENT) {
            return null;
        }
        return v.capture("panel_config", () -> config.withPanel(panel));
    }

    private static @Nullable Router.Policy policyNamed(String model) {
        for (Router.Policy p : Router.Policy.values()) {
            if (p.wireName().equals(model)) {
                return p;
            }
        }
        return null;
    }

    /** Every model the debate names must be one the catalogue serves now. */
    private void checkModels(DebateConfig config, Violations v) {
        List<AgentSpec> agents = config.agents();
        for (int i = 0; i < agents.size(); i++) {
            available(agents.get(i).model(), "config.agents[" + i + "].model", v);
        }
        List<JudgeSpec> judges = config.judges();
        for (int i = 0; i < judges.size(); i++) {
            available(judges.get(i).model(), "config.judges[" + i + "].model", v);
        }
        List<String> synthesizers = config.synthesizers();
        for (int i = 0; i < synthesizers.size(); i++) {
            available(synthesizers.get(i), "config.synthesizers[" + i + "]", v);
        }
    }

    private void available(String model, String field, Violations v) {
        v.check(models.isAvailable(model), field, "model.unavailable", "model " + model + " is not available");
    }

    @Override
    public Debate start(StartDebateCommand command, ClientContext client) {
        Parsed request = parse(command);
        Debate debate = Debate.create(
                        ids.get(),
                        command.requester().user().orElse(null),
                        request.prompt(),
                        request.mode(),
                        request.config(),
                        clock.instant())
                .categorized(request.category());
        long needed = refuseBudgetThatCannotAnswer(debate);
        EventPayload created = new EventPayload.DebateCreated(
                debate.mode().wireName(),
                debate.config().agents().stream().map(AgentSpec::name).toList(),
                debate.config().judges().stream().map(JudgeSpec::name).toList());
        Debate.Recorded first = debate.record(List.of(created), debate.createdAt(), d -> d);
        String traceParent = tracing.currentParent();
        Optional<WorkSignals.Slot> slot = signals.reserveSlot();
        AtomicReference<WorkLeases.Lease> granted = new AtomicReference<>();
        Debate recorded;
        try {
            // First, under the account's lock held until the commit: the plan's check (a refusal throws and rolls
            // everything back) and the budget it grants; every other start of this account waits for it.
            recorded = journal.create(first, d -> billing.admit(d, needed), d -> {
                if (traceParent != null) {
                    debates.attachTrace(d.id(), traceParent);
                }
                // In the same transaction: no audit entry without its debate, and no debate without its entry.
                audit.record(new AuditTrail.Entry(
                        d.createdAt(),
                        d.ownerId().orElse(null),
                        "debate_created",
                        "debate",
                        d.id().toString(),
                        client.ip(),
                        client.requestId(),
                        Map.of("mode", d.mode().wireName()))); // never the prompt
                slot.ifPresent(s -> granted.set(leases.grant(d.id(), s.owner(), s.leaseTtl(), d.createdAt())
                        .orElse(null)));
                billing.reserve(d);
            });
        } catch (QuotaExceeded refused) {
            slot.ifPresent(WorkSignals.Slot::giveBack);
            telemetry.quotaRefused(refused.refusal().code());
            throw refused;
        } catch (RuntimeException e) {
            slot.ifPresent(WorkSignals.Slot::giveBack);
            throw e;
        }
        // Committed: the reserved place is used or given back first, before anything else that could throw.
        WorkLeases.Lease lease = granted.get();
        if (slot.isPresent() && lease != null) {
            slot.get().run(lease, recorded, traceParent);
        } else {
            slot.ifPresent(WorkSignals.Slot::giveBack);
            signals.workAvailable();
        }
        telemetry.debateStarted(recorded.mode());
        return recorded;
    }
}
