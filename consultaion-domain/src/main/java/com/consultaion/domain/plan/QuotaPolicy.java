package com.consultaion.domain.plan;

import com.consultaion.domain.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * May this user start this debate under its plan? One coherent check, in a fixed order: what the plan forbids
 * outright ({@code 402}, an upgrade is needed: too many agents, a model tier the plan lacks, the month's debates
 * used up) before what is only exhausted for now ({@code 429}: debates running at once, today's tokens).
 */
public final class QuotaPolicy {

    private QuotaPolicy() {}

    /** What the user has used: debates started this month, tokens today, debates running now. */
    public record Usage(int debatesThisMonth, long tokensToday, long tokensThisMonth, int running) {}

    /**
     * A refusal naming the limit: its kind, a stable code, the limit and the usage (null where a number makes no
     * sense) and when it resets (null when it does not reset by time).
     */
    public record Refusal(
            Kind kind,
            String code,
            String message,
            @Nullable Long limit,
            @Nullable Long used,
            @Nullable Instant resetAt) {

        /** Whether the plan stands in the way (a higher plan allows it), or the same request succeeds soon. */
        public enum Kind {
            /** Beyond what the plan allows: more agents, a model tier, exports, this month's debates (HTTP 402). */
            PLAN_LIMIT,
            /** Only for now: today's tokens, the running debates (HTTP 429, with Retry-After). */
            RETRY_LATER
        }
    }

    /**
     * The first limit of the plan that starting this debate would break, or empty when it may start.
     *
     * @param needed the fewest tokens with which this debate can answer (its first stage's estimate): refused when
     *     today's tokens leave less; otherwise it runs with {@link #granted} as its token budget
     */
    public static Optional<Refusal> check(
            Plan plan, Usage usage, int agents, Set<String> tiers, long needed, Instant now) {
        Plan.Limits l = plan.limits();
        if (agents > l.maxAgents()) {
            return refuse(
                    Refusal.Kind.PLAN_LIMIT,
                    "plan.max_agents",
                    "The " + plan.name() + " plan allows " + l.maxAgents() + " agents per debate.",
                    l.maxAgents(),
                    agents,
                    null);
        }
        Set<String> forbidden = new TreeSet<>(tiers);
        forbidden.removeAll(l.modelTiers());
        if (!forbidden.isEmpty()) {
            return refuse(
                    Refusal.Kind.PLAN_LIMIT,
                    "plan.model_tier",
                    "The " + plan.name() + " plan does not include the model tier(s) " + String.join(", ", forbidden)
                            + ".",
                    null,
                    null,
                    null);
        }
        if (usage.debatesThisMonth() >= l.debatesPerMonth()) {
            return refuse(
                    Refusal.Kind.PLAN_LIMIT,
                    "plan.debates_per_month",
                    "The " + plan.name() + " plan allows " + l.debatesPerMonth() + " debates per month.",
                    l.debatesPerMonth(),
                    usage.debatesThisMonth(),
                    nextMonth(now));
        }
        if (usage.running() >= l.concurrentDebates()) {
            return refuse(
                    Refusal.Kind.RETRY_LATER,
                    "quota.concurrent_debates",
                    "At most " + l.concurrentDebates() + " debates may run at once on the " + plan.name()
                            + " plan; wait for one to finish.",
                    l.concurrentDebates(),
                    usage.running(),
                    null);
        }
        if (usage.tokensToday() + needed > l.tokensPerDay()) {
            return refuse(
                    Refusal.Kind.RETRY_LATER,
                    "quota.tokens_per_day",
                    "This debate needs at least " + needed + " tokens to answer; "
                            + (l.tokensPerDay() - Math.min(l.tokensPerDay(), usage.tokensToday())) + " of today's "
                            + l.tokensPerDay() + " are left.",
                    l.tokensPerDay(),
                    usage.tokensToday(),
                    nextDay(now));
        }
        return Optional.empty();
    }

    /**
     * The tokens a debate that passed {@link #check} may spend and holds against today's tokens until it ends: its
     * budget, or what today's tokens leave when that is less. So a day's tokens go to as many debates as they
     * cover, and none can overdraw it: the runner stops a debate before a stage its budget cannot pay.
     */
    public static long granted(Plan plan, Usage usage, long budget) {
        return Math.max(0, Math.min(budget, plan.limits().tokensPerDay() - usage.tokensToday()));
    }

    /** Exports, when the plan has them. */
    public static Optional<Refusal> checkExport(Plan plan) {
        return plan.limits().exports()
                ? Optional.empty()
                : refuse(
                        Refusal.Kind.PLAN_LIMIT,
                        "plan.exports_disabled",
                        "The " + plan.name() + " plan does not include exports.",
                        null,
                        null,
                        null);
    }

    public static Instant dayStart(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    public static Instant monthStart(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC)
                .withDayOfMonth(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    static Instant nextDay(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    static Instant nextMonth(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC)
                .withDayOfMonth(1)
                .plusMonths(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    private static Optional<Refusal> refuse(
            Refusal.Kind kind,
            String code,
            String message,
            @Nullable Number limit,
            @Nullable Number used,
            @Nullable Instant reset) {
        return Optional.of(new Refusal(
                kind,
                code,
                message,
                limit == null ? null : limit.longValue(),
                used == null ? null : used.longValue(),
                reset));
    }
}
