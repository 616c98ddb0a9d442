package com.consultaion.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.consultaion.application.port.in.ModelQueries;
import com.consultaion.application.port.in.OperatorStatsQuery;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.ReadinessReport;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.OpsStore;
import com.consultaion.application.port.out.RateLimitStore;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.limit.RateLimitPolicy;
import com.consultaion.domain.limit.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OperatorStatsServiceTest {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Requester ADMIN = Requester.member(new UserId(UUID.randomUUID()), true, Set.of());
    static final Requester USER = Requester.member(new UserId(UUID.randomUUID()), false, Set.of());

    private final OpsStore store = mock(OpsStore.class);
    private final ModelQueries models = mock(ModelQueries.class);

    private static ModelQueries.Model model(String id, String provider, boolean enabled) {
        return new ModelQueries.Model(
                id, id, provider, "standard", 0, 0, "fast", "baseline", "strict", enabled, false, "closed");
    }

    private OperatorStatsService service(RateLimitService limits) {
        return new OperatorStatsService(
                store,
                () -> new ReadinessReport(List.of(new ReadinessReport.Check("database", true, "ok"))),
                models,
                limits,
                "memory",
                CLOCK);
    }

    @Test
    void onlyAdminsMayRead() {
        OperatorStatsService stats = service(null);
        assertThatThrownBy(() -> stats.debates(USER)).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> stats.health(USER)).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> stats.rateLimits(USER)).isInstanceOf(PermissionDenied.class);
    }

    @Test
    void countsEverEachWindowAndWithoutCritique() {
        when(store.debatesByStatusSince(Instant.EPOCH))
                .thenReturn(Map.of(DebateStatus.COMPLETED, 7L, DebateStatus.FAILED, 3L));
        when(store.debatesByStatusSince(NOW.minus(Duration.ofHours(24)))).thenReturn(Map.of(DebateStatus.QUEUED, 1L));
        when(store.debatesByStatusSince(NOW.minus(Duration.ofDays(7)))).thenReturn(Map.of(DebateStatus.COMPLETED, 4L));
        when(store.debatesWithoutCritiqueSince(any())).thenReturn(2L);
        assertThat(service(null).debates(ADMIN)).isEqualTo(new OperatorStatsQuery.DebateCounts(10, 1, 4, 2));
    }

    @Test
    void healthCountsUsableModelsAndSaysWhenOnlyTheOfflineOneIs() {
        when(models.models()).thenReturn(List.of(model("local", "local", true), model("gpt", "openai", false)));
        assertThat(service(null).health(ADMIN))
                .isEqualTo(new OperatorStatsQuery.SystemHealth(true, "off", true, true, 1));
        when(models.models()).thenReturn(List.of(model("local", "local", true), model("gpt", "openai", true)));
        assertThat(service(null).health(ADMIN).offlineOnly()).isFalse();
    }

    @Test
    void rateLimitsShowTheGeneralBucketAndTheLastRefusals() {
        assertThat(service(null).rateLimits(ADMIN))
                .isEqualTo(new OperatorStatsQuery.RateLimits("off", Duration.ZERO, 0, List.of(), 0));

        RateLimitStore refuses = mock(RateLimitStore.class);
        TokenBucket api = TokenBucket.of(120, Duration.ofMinutes(1));
        when(refuses.take(any(), any(), any(Double.class), any()))
                .thenReturn(new TokenBucket.Decision(
                        false, new TokenBucket.State(0, NOW), 120, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        RateLimitService limits = new RateLimitService(
                refuses,
                new RateLimitPolicy(
                        Map.of(
                                RateLimitPolicy.Bucket.API, api,
                                RateLimitPolicy.Bucket.STREAM, api,
                                RateLimitPolicy.Bucket.AUTH, api),
                        10),
                CLOCK);
        for (int i = 0; i < RateLimitService.RECENT + 5; i++) {
            limits.check("user:" + i, RateLimitPolicy.Operation.READ);
        }
        OperatorStatsQuery.RateLimits r = service(limits).rateLimits(ADMIN);
        assertThat(r.backend()).isEqualTo("memory");
        assertThat(r.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.maxCalls()).isEqualTo(120);
        assertThat(r.refusedSinceStart()).isEqualTo(RateLimitService.RECENT + 5);
        assertThat(r.recent()).hasSize(RateLimitService.RECENT);
        assertThat(r.recent().get(r.recent().size() - 1))
                .isEqualTo(new OperatorStatsQuery.Refusal(NOW, "user:" + (RateLimitService.RECENT + 4), "api"));
        assertThat(r.recent().get(0).identity()).isEqualTo("user:5"); // the oldest were let go
    }
}
