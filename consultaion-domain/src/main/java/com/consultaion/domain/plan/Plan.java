package com.consultaion.domain.plan;

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
