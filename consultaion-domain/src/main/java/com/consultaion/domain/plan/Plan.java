package com.consultaion.domain.plan;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A plan and its limits: debates started per calendar month (UTC), tokens per day (UTC), debates running at once,
 * agents per debate, the model tiers its debates may use, and whether exports are allowed.
 */
public record Plan(String slug, String name, double priceMonthly, String currency, Limits limits) {

    public record Limits(
            int debatesPerMonth,
            long tokensPerDay,
            int concurrentDebates,
            int maxAgents,
            Set<String> modelTiers,
            boolean exports) {
        public Limits {
            modelTiers = Set.copyOf(modelTiers);
            if (debatesPerMonth < 0 || tokensPerDay < 0 || concurrentDebates < 0 || maxAgents < 0) {
                throw new IllegalArgumentException("plan limits must not be negative");
            }
        }
    }

    /**
     * The plans a fresh installation has: free (5 debates a month, 100,000 tokens a day, 1 at a time, 3 agents,
     * standard models, no exports), pro (100, 1,000,000, 5, 8, standard and advanced, exports) and internal
     * (practically unlimited). The original service's values, made coherent.
     */
    public static final List<Plan> DEFAULTS = List.of(
            new Plan("free", "Free", 0, "USD", new Limits(5, 100_000, 1, 3, Set.of("standard"), false)),
            new Plan("pro", "Pro", 29, "USD", new Limits(100, 1_000_000, 5, 8, Set.of("standard", "advanced"), true)),
            new Plan(
                    "internal",
                    "Internal",
                    0,
                    "USD",
                    new Limits(1_000_000, 10_000_000_000L, 1000, 8, Set.of("standard", "advanced", "premium"), true)));

    public static final String DEFAULT_SLUG = "free";

    public Plan {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(limits, "limits");
        if (!slug.matches("[a-z][a-z0-9_-]{0,49}")) {
            throw new IllegalArgumentException("a plan slug is 1-50 lower-case letters, digits, - or _: " + slug);
        }
    }
}
