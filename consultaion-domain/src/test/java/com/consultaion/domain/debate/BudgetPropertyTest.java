package com.consultaion.domain.debate;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.domain.Property;
import org.junit.jupiter.api.Test;

class BudgetPropertyTest {

    @Test
    void aStageIsAllowedExactlyWhenSpentPlusEstimateStaysWithinBothLimits() {
        Property.forAll(17, 5000, random -> {
            Budget budget = new Budget(random.nextLong(Budget.MIN_TOKENS, 200_000), 0.01 + random.nextDouble() * 20);
            Usage spent = new Usage(
                    random.nextLong(0, 100_000),
                    random.nextLong(0, 100_000),
                    random.nextDouble() * 20,
                    random.nextBoolean());
            BudgetPolicy.Estimate next = new BudgetPolicy.Estimate(random.nextLong(0, 50_000), random.nextDouble() * 5);

            boolean fits = spent.totalTokens() + next.tokens() <= budget.maxTokens()
                    && spent.costUsd() + next.costUsd() <= budget.maxCostUsd() + 1e-12;

            assertThat(BudgetPolicy.check(budget, spent, next) instanceof BudgetPolicy.Decision.Allowed)
                    .isEqualTo(fits);
        });
    }

    @Test
    void spendingMoreNeverTurnsARefusalIntoAnAllowance() {
        Property.forAll(19, 3000, random -> {
            Budget budget = new Budget(random.nextLong(Budget.MIN_TOKENS, 100_000), 0.5 + random.nextDouble() * 5);
            Usage spent = new Usage(random.nextLong(0, 60_000), 0, random.nextDouble() * 5, false);
            BudgetPolicy.Estimate next = new BudgetPolicy.Estimate(random.nextLong(0, 60_000), random.nextDouble());
            Usage more = spent.plus(new Usage(random.nextLong(0, 10_000), 0, random.nextDouble(), false));

            if (BudgetPolicy.check(budget, spent, next) instanceof BudgetPolicy.Decision.Exhausted) {
                assertThat(BudgetPolicy.check(budget, more, next)).isInstanceOf(BudgetPolicy.Decision.Exhausted.class);
            }
        });
    }
}
