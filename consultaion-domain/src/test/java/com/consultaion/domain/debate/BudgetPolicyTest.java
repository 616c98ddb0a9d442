package com.consultaion.domain.debate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BudgetPolicyTest {

    @Test
    void aStageIsAllowedOnlyWhenBothLimitsCoverIt() {
        Budget budget = new Budget(10_000, 1.0);
        Usage spent = new Usage(4_000, 4_000, 0.5, false);

        assertThat(BudgetPolicy.check(budget, spent, new BudgetPolicy.Estimate(2_000, 0.5)))
                .isInstanceOf(BudgetPolicy.Decision.Allowed.class);
        assertThat(BudgetPolicy.check(budget, spent, new BudgetPolicy.Estimate(2_001, 0.1)))
                .isInstanceOfSatisfying(
                        BudgetPolicy.Decision.Exhausted.class,
                        e -> assertThat(e.limit()).isEqualTo("max_tokens"));
        assertThat(BudgetPolicy.check(budget, spent, new BudgetPolicy.Estimate(10, 0.51)))
                .isInstanceOfSatisfying(
                        BudgetPolicy.Decision.Exhausted.class,
                        e -> assertThat(e.limit()).isEqualTo("max_cost_usd"));
    }

    @Test
    void tokensAreEstimatedAtFourCharactersEach() {
        assertThat(BudgetPolicy.tokensOf("")).isZero();
        assertThat(BudgetPolicy.tokensOf("abcd")).isEqualTo(1);
        assertThat(BudgetPolicy.tokensOf("abcde")).isEqualTo(2);
    }

    @Test
    void dollarAmountsAreNeverRoundedToNothing() {
        assertThat(BudgetPolicy.usd(0)).isEqualTo("$0");
        assertThat(BudgetPolicy.usd(1.5)).isEqualTo("$1.50");
        assertThat(BudgetPolicy.usd(0.01)).isEqualTo("$0.01");
        assertThat(BudgetPolicy.usd(0.00042)).isEqualTo("$0.00042");
        assertThat(BudgetPolicy.usd(0.000012345)).isEqualTo("$0.000012");
        assertThat(BudgetPolicy.check(new Budget(100_000, 0.0001), Usage.NONE, new BudgetPolicy.Estimate(10, 0.0003)))
                .isInstanceOfSatisfying(
                        BudgetPolicy.Decision.Exhausted.class,
                        e -> assertThat(e.detail())
                                .endsWith("over the limit of $0.0001")
                                .doesNotContain("$0.00 "));
    }
}
