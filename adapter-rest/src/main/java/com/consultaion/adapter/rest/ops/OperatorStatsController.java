package com.consultaion.adapter.rest.ops;

import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.OperatorStatsQuery;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original service's operator statistics, in its shapes (admins only): {@code /stats/debates},
 * {@code /stats/health}, {@code /stats/rate-limit}. The richer view is {@code /admin/ops/summary}.
 */
@Controller("/stats")
final class OperatorStatsController {

    private final OperatorStatsQuery stats;

    OperatorStatsController(OperatorStatsQuery stats) {
        this.stats = stats;
    }

    @Get("/debates")
    Map<String, Object> debates(HttpRequest<?> request) {
        OperatorStatsQuery.DebateCounts c = stats.debates(Principals.of(request).requester());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", c.total());
        body.put("last_24h", c.last24h());
        body.put("last_7d", c.last7d());
        body.put("fast_debate", c.withoutCritique());
        return body;
    }

    @Get("/health")
    Map<String, Object> health(HttpRequest<?> request) {
        OperatorStatsQuery.SystemHealth h = stats.health(Principals.of(request).requester());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("db_ok", h.databaseOk());
        body.put("rate_limit_backend", h.rateLimitBackend());
        body.put("redis_ok", null); // no Redis: buckets live in PostgreSQL or in memory
        body.put("enable_csrf", true); // cookie-authenticated unsafe requests always need the CSRF header
        body.put("enable_sec_headers", true); // every response carries them
        body.put("mock_mode", h.offlineOnly());
        body.put("models_available", h.modelsAvailable());
        body.put("enabled_model_count", h.usableModels());
        return body;
    }

    @Get("/rate-limit")
    Map<String, Object> rateLimit(HttpRequest<?> request) {
        OperatorStatsQuery.RateLimits r =
                stats.rateLimits(Principals.of(request).requester());
        List<Map<String, Object>> recent = r.recent().stream()
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("identity", e.identity());
                    m.put("bucket", e.bucket());
                    m.put("ts", e.at().toString());
                    return m;
                })
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("backend", r.backend());
        body.put("window", r.window().toSeconds());
        body.put("max_calls", r.maxCalls());
        body.put("recent_429s", recent);
        body.put("total_429s", r.refusedSinceStart());
        return body;
    }
}
