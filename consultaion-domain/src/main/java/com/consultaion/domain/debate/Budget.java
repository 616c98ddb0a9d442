package com.consultaion.domain.debate;

import com.consultaion.domain.Violations;

/** The most a debate may spend, in tokens and in US dollars; both are enforced before every stage. */
public record Budget(long maxTokens, double maxCostUsd) {

    public static final Budget DEFAULT = new Budget(60_000, 1.5);
    public static final long MIN_TOKENS = 1_000;
    public static final long MAX_TOKENS = 5_000_000;
    public static final double MAX_COST_USD = 1_000;

    public Budget {
        Violations v = new Violations();
        v.check(
                maxTokens >= MIN_TOKENS && maxTokens <= MAX_TOKENS,
                "max_tokens",
                "budget.tokens_out_of_range",
                "must be between " + MIN_TOKENS + " and " + MAX_TOKENS);
        v.check(
                Double.isFinite(maxCostUsd) && maxCostUsd > 0 && maxCostUsd <= MAX_COST_USD,
                "max_cost_usd",
                "budget.cost_out_of_range",
                "must be more than 0 and at most " + (long) MAX_COST_USD);
        v.throwIfAny();
    }
}
