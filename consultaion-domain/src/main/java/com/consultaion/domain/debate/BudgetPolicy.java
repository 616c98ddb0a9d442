package com.consultaion.domain.debate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Decides before each stage whether the budget can cover it: what was spent plus what the stage is expected to
 * spend must stay within both the token and the cost limit.
 */
public final class BudgetPolicy {

    private BudgetPolicy() {}

    /** The expected cost of a stage: tokens in and out, and dollars. */
    public record Estimate(long tokens, double costUsd) {
        public Estimate plus(Estimate other) {
            return new Estimate(tokens + other.tokens, costUsd + other.costUsd);
        }
    }

    /** Allowed, or refused with the limit that would be broken. */
    public sealed interface Decision {
        record Allowed() implements Decision {}

        record Exhausted(String limit, String detail) implements Decision {}
    }

    public static Decision check(Budget budget, Usage spent, Estimate next) {
        long tokens = spent.totalTokens() + next.tokens();
        if (tokens > budget.maxTokens()) {
            return new Decision.Exhausted(
                    "max_tokens",
                    "spent " + spent.totalTokens() + " tokens; the next stage needs about " + next.tokens()
                            + " more, over the limit of " + budget.maxTokens());
        }
        double cost = spent.costUsd() + next.costUsd();
        if (cost > budget.maxCostUsd() + 1e-12) {
            return new Decision.Exhausted(
                    "max_cost_usd",
                    "spent " + usd(spent.costUsd()) + "; the next stage needs about " + usd(next.costUsd())
                            + " more, over the limit of " + usd(budget.maxCostUsd()));
        }
        return new Decision.Allowed();
    }

    /**
     * A dollar amount as people read it, never rounded to nothing: cents from a cent up ("$1.50"), else two
     * significant digits ("$0.00042"); zero is "$0".
     */
    public static String usd(double amount) {
        if (amount == 0) {
            return "$0";
        }
        if (Math.abs(amount) >= 0.01) {
            return String.format(Locale.ROOT, "$%.2f", amount);
        }
        return "$"
                + new BigDecimal(amount)
                        .round(new MathContext(2))
                        .stripTrailingZeros()
                        .toPlainString();
    }

    /** Rough token count of a text: about four characters per token, as providers' tokenisers average. */
    public static long tokensOf(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }
}
