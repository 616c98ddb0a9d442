package com.consultaion.application.service;

import com.consultaion.application.port.in.AssignPlanUseCase;
import com.consultaion.application.port.in.BillingQueries;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.QuotaExceeded;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.BillingStore;
import com.consultaion.application.port.out.ModelCatalog;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.debate.AgentSpec;
import com.consultaion.domain.debate.Budget;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfig;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.JudgeSpec;
import com.consultaion.domain.debate.Usage;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.judging.Verdict;
import com.consultaion.domain.plan.ModelUsage;
import com.consultaion.domain.plan.Plan;
import com.consultaion.domain.plan.QuotaPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Plans and the usage ledger. A user's debate start is checked against the plan and its budget reserved in the
 * start's transaction (under the account's lock); when the debate ends, in its final transaction, the
 * reservation is released and — for a completed debate — what each phase spent on each model is settled. A
 * failed or cancelled debate is refunded: only its reservation is released. Entries are idempotent, so a retried
 * end never counts twice. Debates without an owner (the embedding application's) are not metered.
 */
public final class BillingService implements BillingQueries, AssignPlanUseCase {

    private final BillingStore store;
    private final ModelCatalog models;
    private final Map<String, Plan> plans;
    private final String defaultPlan;
    private final Clock clock;
    private final Transactions transactions;
    private final Audit audit;

    public BillingService(
            BillingStore store,
            ModelCatalog models,
            List<Plan> plans,
            String defaultPlan,
            Clock clock,
            Transactions transactions,
            AuditTrail audit) {
        this.transactions = transactions;
        this.audit = new Audit(audit, clock);
        this.store = store;
        this.models = models;
        this.plans = new LinkedHashMap<>();
        plans.stream()
                .sorted(Comparator.comparing((Plan p) -> !p.slug().equals(defaultPlan))
                        .thenComparingDouble(Plan::priceMonthly))
                .forEach(p -> this.plans.put(p.slug(), p));
        if (!this.plans.containsKey(defaultPlan)) {
            throw new IllegalArgumentException("the default plan " + defaultPlan + " is not among the plans");
        }
        this.defaultPlan = defaultPlan;
        this.clock = clock;
    }

    /**
     * Checks the plan for a debate about to be inserted, under the owner's lock (held until the commit, so the
     * account's other starts wait): refused with {@link QuotaExceeded}, or the debate as it may run, its token
     * budget lowered to what today's tokens leave when that is less ({@link QuotaPolicy#granted}). Call inside the
     * start's transaction before the insert; {@link #reserve} after it.
     *
     * @param needed the fewest tokens with which the debate can answer (its first stage's estimate)
     */
    Debate admit(Debate debate, long needed) {
        UserId owner = debate.ownerId().orElse(null);
        if (owner == null) {
            return debate;
        }
        Instant now = clock.instant();
        store.lockAccount(owner);
        DebateConfig config = debate.config();
        Plan plan = planOf(owner);
        QuotaPolicy.Usage usage = store.usage(
                owner,
                QuotaPolicy.dayStart(now),
                QuotaPolicy.monthStart(now),
                plan.limits().concurrentDebates(),
                debate.id());
        QuotaPolicy.check(plan, usage, config.agents().size(), tiers(config), Math.max(needed, Budget.MIN_TOKENS), now)
                .ifPresent(refusal -> {
                    throw new QuotaExceeded(refusal);
                });
        long granted = QuotaPolicy.granted(plan, usage, config.budget().maxTokens());
        return granted == config.budget().maxTokens()
                ? debate
                : debate.withBudget(new Budget(granted, config.budget().maxCostUsd()));
    }

    /** Holds an admitted debate's token budget against today's tokens until it ends; after its insert. */
    void reserve(Debate admitted) {
        UserId owner = admitted.ownerId().orElse(null);
        if (owner == null) {
            return;
        }
        long reserve = admitted.config().budget().maxTokens();
        store.append(new BillingStore.Entry(
                "reserve:" + admitted.id(),
                owner,
                admitted.id(),
                BillingStore.Kind.RESERVE,
                null,
                null,
                reserve,
                0,
                clock.instant()));
    }

    /**
     * Releases the reservation of a debate that just ended and settles a completed one's usage per phase and
     * model; call inside its final transaction.
     */
    public void settle(Debate ended, List<Contribution> contributions, List<Verdict> verdicts) {
        UserId owner = ended.ownerId().orElse(null);
        if (owner == null || !ended.status().isTerminal()) {
            return;
        }
        Instant now = clock.instant();
        DebateId id = ended.id();
        List<BillingStore.Entry> entries = new ArrayList<>();
        entries.add(new BillingStore.Entry(
                "release:" + id,
                owner,
                id,
                BillingStore.Kind.RELEASE,
                null,
                null,
                -ended.config().budget().maxTokens(),
                0,
                now));
        if (ended.status() == DebateStatus.COMPLETED || ended.status() == DebateStatus.COMPLETED_WITH_WARNINGS) {
            // (failed and cancelled debates are refunded: the release alone)
            record Spend(String phase, String model, Usage usage) {}
            Map<List<String>, Usage> spent = Stream.concat(
                            contributions.stream().map(c -> new Spend(c.phase().wireName(), c.model(), c.usage())),
                            verdicts.stream().map(v -> new Spend("judge", v.model(), v.usage())))
                    .collect(Collectors.groupingBy(
                            s -> List.of(s.phase(), s.model()),
                            LinkedHashMap::new,
                            Collectors.reducing(Usage.NONE, Spend::usage, Usage::plus)));
            spent.forEach((phaseAndModel, usage) -> entries.add(new BillingStore.Entry(
                    "settle:" + id + ":" + phaseAndModel.get(0) + ":" + phaseAndModel.get(1),
                    owner,
                    id,
                    BillingStore.Kind.SETTLE,
                    phaseAndModel.get(0),
                    phaseAndModel.get(1),
                    usage.totalTokens(),
                    usage.costUsd(),
                    now)));
        }
        store.append(entries);
    }

    @Override
    public List<Plan> plans() {
        return List.copyOf(plans.values());
    }

    @Override
    public Account account(Requester requester) {
        UserId user = requester.user().orElseThrow(() -> new IllegalArgumentException("no user"));
        Instant now = clock.instant();
        return new Account(
                planOf(user),
                YearMonth.from(now.atOffset(ZoneOffset.UTC)).toString(),
                store.usage(user, QuotaPolicy.dayStart(now), QuotaPolicy.monthStart(now), Integer.MAX_VALUE),
                store.exports(user, QuotaPolicy.monthStart(now)));
    }

    /** Counts an export the plan allowed (a signed-in requester's; anonymous readers have no account). */
    void countExport(Requester requester) {
        requester.user().ifPresent(user -> store.countExport(user, clock.instant()));
    }

    @Override
    public List<ModelUsage> usageByModel(Requester requester) {
        UserId user = requester.user().orElseThrow(() -> new IllegalArgumentException("no user"));
        return store.usageByModel(user, QuotaPolicy.monthStart(clock.instant()));
    }

    @Override
    public void checkExport(Requester requester) {
        requester
                .user()
                .ifPresent(user -> QuotaPolicy.checkExport(planOf(user)).ifPresent(refusal -> {
                    throw new QuotaExceeded(refusal);
                }));
    }

    @Override
    public boolean assignPlan(Requester requester, UserId user, String slug, ClientContext client) {
        if (!requester.admin()) {
            throw new PermissionDenied("only admins may change plans");
        }
        if (slug == null || !plans.containsKey(slug)) {
            throw ValidationException.of("plan", "plan.unknown", "must be one of " + String.join(", ", plans.keySet()));
        }
        return transactions.inTransaction(() -> {
            boolean found = store.assignPlan(user, slug);
            if (found) {
                audit.record(requester, "plan_changed", "user", user.toString(), client, Map.of("plan", slug));
            }
            return found;
        });
    }

    /** The model tiers the requester's plan allows (a request with no user — embedded use — any tier). */
    public Optional<Set<String>> allowedTiers(Requester requester) {
        return requester.user().map(user -> planOf(user).limits().modelTiers());
    }

    /** The model tiers a plan allows; empty for a slug that names no configured plan. */
    public Optional<Set<String>> tiersOfPlan(String slug) {
        return Optional.ofNullable(plans.get(slug)).map(p -> p.limits().modelTiers());
    }

    /** The user's plan; an unknown slug (a plan removed from configuration) falls back to the default plan. */
    private Plan planOf(UserId user) {
        return plans.getOrDefault(store.planOf(user), Objects.requireNonNull(plans.get(defaultPlan), defaultPlan));
    }

    /** The tiers of every model the debate names (agents, judges, synthesizers); unknown models have none. */
    private Set<String> tiers(DebateConfig config) {
        Set<String> ids = new HashSet<>();
        config.agents().stream().map(AgentSpec::model).forEach(ids::add);
        config.judges().stream().map(JudgeSpec::model).forEach(ids::add);
        ids.addAll(config.synthesizers());
        Set<String> tiers = new HashSet<>();
        models.describe().stream().filter(d -> ids.contains(d.id())).forEach(d -> tiers.add(d.tier()));
        return tiers;
    }
}
