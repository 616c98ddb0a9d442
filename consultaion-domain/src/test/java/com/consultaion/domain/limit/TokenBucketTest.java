package com.consultaion.domain.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.domain.Property;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private final TokenBucket bucket = new TokenBucket(10, 1); // 10 tokens, one more per second

    @Test
    void aNewBucketIsFullAndARefusalTakesNothing() {
        TokenBucket.Decision all = bucket.take(null, 10, T0);
        assertThat(all.allowed()).isTrue();
        assertThat(all.remaining()).isZero();
        assertThat(all.resetAfter()).isEqualTo(Duration.ofSeconds(10));

        TokenBucket.Decision refused = bucket.take(all.state(), 1, T0);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(refused.state().tokens()).isZero();

        TokenBucket.Decision half = bucket.take(refused.state(), 1, T0.plusMillis(500));
        assertThat(half.allowed()).isFalse();
        assertThat(half.retryAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(bucket.take(half.state(), 1, T0.plusSeconds(1)).allowed()).isTrue();
    }

    @Test
    void waitsFollowTheRefillRateAndWhatIsLeft() {
        TokenBucket twoPerSecond = new TokenBucket(10, 2);
        TokenBucket.Decision nine = twoPerSecond.take(null, 9, T0);
        assertThat(nine.remaining()).isEqualTo(1);
        assertThat(nine.resetAfter()).isEqualTo(Duration.ofMillis(4500)); // 9 missing at 2 per second

        TokenBucket.Decision four = twoPerSecond.take(nine.state(), 4, T0);
        assertThat(four.allowed()).isFalse();
        assertThat(four.retryAfter()).isEqualTo(Duration.ofMillis(1500)); // 3 more needed at 2 per second
        assertThat(four.remaining()).isEqualTo(1);
    }

    @Test
    void aBucketHoldsAtLeastOneTokenAndACostAboveItsCapacityIsRefusedOutright() {
        assertThat(new TokenBucket(1, 1).take(null, 1, T0).allowed()).isTrue();
        assertThatThrownBy(() -> new TokenBucket(0.99, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket.take(null, 10.01, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bucket.take(null, 0, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refillStopsAtCapacityAndAClockGoingBackAddsNothing() {
        TokenBucket.State spent = bucket.take(null, 10, T0).state();
        assertThat(bucket.tokensAt(spent, T0.plusSeconds(3600))).isEqualTo(10);
        assertThat(bucket.tokensAt(spent, T0.minusSeconds(5))).isZero();
        TokenBucket.Decision back = bucket.take(spent, 1, T0.minusSeconds(5));
        assertThat(back.allowed()).isFalse();
        assertThat(back.state().at()).isEqualTo(T0); // the stored time never moves backwards
    }

    @Test
    void aWeightedOperationCostsMore() {
        RateLimitPolicy policy = new RateLimitPolicy(
                Map.of(
                        RateLimitPolicy.Bucket.API, TokenBucket.of(120, Duration.ofMinutes(1)),
                        RateLimitPolicy.Bucket.STREAM, TokenBucket.of(20, Duration.ofMinutes(1)),
                        RateLimitPolicy.Bucket.AUTH, TokenBucket.of(20, Duration.ofMinutes(5))),
                10);
        assertThat(policy.charge(RateLimitPolicy.Operation.START_DEBATE).cost()).isEqualTo(10);
        assertThat(policy.charge(RateLimitPolicy.Operation.READ).cost()).isEqualTo(1);
        assertThat(policy.charge(RateLimitPolicy.Operation.OPEN_STREAM).bucket())
                .isEqualTo(RateLimitPolicy.Bucket.STREAM);
        assertThat(policy.charge(RateLimitPolicy.Operation.SIGN_IN).limits().refillPerSecond())
                .isEqualTo(20 / 300.0);
        assertThatThrownBy(() -> bucket.take(null, 11, T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noSequenceOfTakesGetsMoreThanCapacityPlusRefill() {
        Property.forAll(21, 2000, random -> {
            TokenBucket b = new TokenBucket(1 + random.nextInt(50), 0.1 + random.nextDouble() * 5);
            TokenBucket.State state = null;
            Instant now = T0;
            double granted = 0;
            for (int i = 0; i < 200; i++) {
                now = now.plusMillis(random.nextInt(0, 400));
                double cost = 1 + random.nextInt((int) Math.min(10, b.capacity()));
                TokenBucket.Decision d = b.take(state, cost, now);
                if (d.allowed()) {
                    granted += cost;
                } else {
                    assertThat(d.retryAfter()).isPositive();
                }
                assertThat(d.state().tokens()).isBetween(0.0, b.capacity());
                state = d.state();
            }
            double elapsed = Duration.between(T0, now).toNanos() / 1e9;
            assertThat(granted).isLessThanOrEqualTo(b.capacity() + elapsed * b.refillPerSecond() + 1e-6);
        });
    }
}
