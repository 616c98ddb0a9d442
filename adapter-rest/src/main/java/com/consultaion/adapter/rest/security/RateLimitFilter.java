package com.consultaion.adapter.rest.security;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.http.ClientAddressFilter;
import com.consultaion.adapter.rest.http.RoutePath;
import com.consultaion.application.port.in.AuthenticateQuery;
import com.consultaion.application.port.in.RateLimitQuery;
import com.consultaion.domain.limit.RateLimitPolicy;
import com.consultaion.domain.limit.TokenBucket;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rate limits on every request but the health probes, after authentication so that a signed-in caller (also by
 * API key) is charged as its user and everyone else by client address. Sign-in, registration and refresh draw
 * from a per-address bucket of their own; starting a debate costs more than a read; opening a live stream has
 * its own bucket. Every limited response carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset}; a refusal is 429 {@code rate_limit.exceeded} with {@code Retry-After}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RateLimitFilter implements Ordered {

    static final String DECISION = "consultaion.rate_limit";

    private static final Set<String> EXEMPT = Set.of("/healthz", "/readyz", "/version");
    private static final Set<String> SIGN_IN = Set.of("/auth/login", "/auth/register", "/auth/refresh");

    private final RateLimitQuery limits;

    RateLimitFilter(RateLimitQuery limits) {
        this.limits = limits;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        String path = RoutePath.of(request);
        if (request.getMethod() == HttpMethod.OPTIONS
                || EXEMPT.contains(path)
                || path.startsWith("/swagger-ui/")
                || (request.getMethod() == HttpMethod.GET && (path.equals("/") || path.startsWith("/assets/")))
                || path.equals("/openapi.yaml")
                || path.equals("/openapi.json")) {
            return null;
        }
        RateLimitPolicy.Operation operation = operation(request.getMethod(), path);
        Optional<AuthenticateQuery.Principal> principal =
                request.getAttribute(AuthenticateQuery.Principal.REQUEST_ATTRIBUTE, AuthenticateQuery.Principal.class);
        String identity = operation != RateLimitPolicy.Operation.SIGN_IN && principal.isPresent()
                ? "user:" + principal.get().userId()
                : "ip:" + ClientAddressFilter.of(request);
        Optional<TokenBucket.Decision> decision = limits.check(identity, operation);
        if (decision.isEmpty()) {
            return null;
        }
        request.setAttribute(DECISION, decision.get());
        return decision.get().allowed() ? null : refusal(decision.get());
    }

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(DECISION, TokenBucket.Decision.class).ifPresent(d -> headers(response, d));
    }

    static RateLimitPolicy.Operation operation(HttpMethod method, String path) {
        if (method == HttpMethod.POST && SIGN_IN.contains(path)) {
            return RateLimitPolicy.Operation.SIGN_IN;
        }
        if (method == HttpMethod.POST && path.equals("/debates")) {
            return RateLimitPolicy.Operation.START_DEBATE;
        }
        if (method == HttpMethod.GET && path.equals("/me/export")) {
            return RateLimitPolicy.Operation.EXPORT_PERSONAL_DATA;
        }
        if (method == HttpMethod.GET && path.startsWith("/debates/") && path.endsWith("/stream")) {
            return RateLimitPolicy.Operation.OPEN_STREAM;
        }
        return method == HttpMethod.GET || method == HttpMethod.HEAD
                ? RateLimitPolicy.Operation.READ
                : RateLimitPolicy.Operation.WRITE;
    }

    /** 429 with Retry-After and the limit's headers; the error names the limit and when to come back. */
    public static MutableHttpResponse<ApiError> refusal(TokenBucket.Decision d) {
        long retry = seconds(d.retryAfter());
        MutableHttpResponse<ApiError> response = HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(retry))
                .body(ApiError.retryable(
                        "rate_limit.exceeded",
                        "Too many requests; retry after " + retry + " s.",
                        retry,
                        Map.of(
                                "limit",
                                (long) d.capacity(),
                                "remaining",
                                d.remaining(),
                                "reset_seconds",
                                seconds(d.resetAfter()))));
        headers(response, d);
        return response;
    }

    private static void headers(MutableHttpResponse<?> response, TokenBucket.Decision d) {
        response.getHeaders().set("RateLimit-Limit", Long.toString((long) d.capacity()));
        response.getHeaders().set("RateLimit-Remaining", Long.toString(d.remaining()));
        response.getHeaders().set("RateLimit-Reset", Long.toString(seconds(d.resetAfter())));
    }

    /** Whole seconds, rounded up, at least 1 for any wait. */
    private static long seconds(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return 0;
        }
        return Math.max(1, (d.toNanos() + 999_999_999L) / 1_000_000_000L);
    }
}
