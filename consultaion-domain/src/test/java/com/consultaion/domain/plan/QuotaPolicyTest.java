package com.consultaion.domain.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuotaPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-26T15:30:00Z");
    private static final Plan FREE =
            new Plan("free", "Free", 0, "USD", new Plan.Limits(5, 100_000, 1, 3, Set.of("standard"), false));
    private static final QuotaPolicy.Usage NONE = new QuotaPolicy.Usage(0, 0, 0, 0);

    @Test
    void aDebateWithinEveryLimitIsAllowed() {
        assertThat(QuotaPolicy.check(FREE, NONE, 3, Set.of("standard"), 60_000, NOW))
                .isEmpty();
    }

    @Test
    void whatThePlanForbidsIs402() {
        assertThat(QuotaPolicy.check(FREE, NONE, 4, Set.of("standard"), 1, NOW).orElseThrow())
                .extracting(QuotaPolicy.Refusal::kind, QuotaPolicy.Refusal::code, QuotaPolicy.Refusal::limit)
                .containsExactly(QuotaPolicy.Refusal.Kind.PLAN_LIMIT, "plan.max_agents", 3L);
        assertThat(QuotaPolicy.check(FREE, NONE, 2, Set.of("standard", "advanced"), 1, NOW)
                        .orElseThrow()
                        .code())
                .isEqualTo("plan.model_tier");
        QuotaPolicy.Refusal month = QuotaPolicy.check(FREE, new QuotaPolicy.Usage(5, 0, 0, 0), 2, Set.of(), 1, NOW)
                .orElseThrow();
        assertThat(month.kind()).isEqualTo(QuotaPolicy.Refusal.Kind.PLAN_LIMIT);
        assertThat(month.used()).isEqualTo(5);
        assertThat(month.resetAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(QuotaPolicy.checkExport(FREE).orElseThrow().code()).isEqualTo("plan.exports_disabled");
    }

    @Test
    void whatIsOnlyUsedUpForNowIs429WithItsReset() {
        assertThat(QuotaPolicy.check(FREE, new QuotaPolicy.Usage(1, 0, 0, 1), 2, Set.of(), 1, NOW)
                        .orElseThrow())
                .extracting(QuotaPolicy.Refusal::kind, QuotaPolicy.Refusal::code)
                .containsExactly(QuotaPolicy.Refusal.Kind.RETRY_LATER, "quota.concurrent_debates");
        QuotaPolicy.Refusal tokens = QuotaPolicy.check(
                        FREE, new QuotaPolicy.Usage(1, 50_000, 50_000, 0), 2, Set.of(), 60_000, NOW)
                .orElseThrow();
        assertThat(tokens.kind()).isEqualTo(QuotaPolicy.Refusal.Kind.RETRY_LATER);
        assertThat(tokens.code()).isEqualTo("quota.tokens_per_day");
        assertThat(tokens.used()).isEqualTo(50_000);
        assertThat(tokens.resetAt()).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(QuotaPolicy.check(FREE, new QuotaPolicy.Usage(1, 40_000, 40_000, 0), 2, Set.of(), 60_000, NOW))
                .isEmpty(); // exactly at the limit is allowed
    }

    @Test
    void aDebateIsGrantedItsBudgetOrWhatTodaysTokensLeaveWhenThatIsLess() {
        assertThat(QuotaPolicy.granted(FREE, NONE, 60_000)).isEqualTo(60_000);
        // 45,000 used today of the free plan's 100,000: a 60,000-token budget runs with the 55,000 left.
        QuotaPolicy.Usage used = new QuotaPolicy.Usage(2, 45_000, 45_000, 0);
        assertThat(QuotaPolicy.check(FREE, used, 3, Set.of(), 4_300, NOW)).isEmpty();
        assertThat(QuotaPolicy.granted(FREE, used, 60_000)).isEqualTo(55_000);
        // Only when less is left than the debate needs to answer at all is it refused.
        QuotaPolicy.Refusal refused = QuotaPolicy.check(
                        FREE, new QuotaPolicy.Usage(2, 97_000, 97_000, 0), 3, Set.of(), 4_300, NOW)
                .orElseThrow();
        assertThat(refused.code()).isEqualTo("quota.tokens_per_day");
        assertThat(refused.message())
                .isEqualTo("This debate needs at least 4300 tokens to answer; 3000 of today's 100000 are left.");
        assertThat(QuotaPolicy.granted(FREE, new QuotaPolicy.Usage(2, 120_000, 120_000, 0), 60_000))
                .isZero();
    }

    @Test
    void periodsAreCalendarDaysAndMonthsInUtc() {
        assertThat(QuotaPolicy.dayStart(NOW)).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(QuotaPolicy.monthStart(NOW)).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(QuotaPolicy.nextMonth(Instant.parse("2026-12-31T23:59:59Z")))
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }
}
