package com.consultaion.adapter.rest.security;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.http.ClientAddressFilter;
import com.consultaion.adapter.rest.http.RoutePath;
import com.consultaion.application.port.in.AuthenticateQuery;
import com.consultaion.application.port.in.RateLimitQuery;
import com.consultaion.domain.limit.RateLimitPolicy;
import com.consultaion.domain.limit.TokenBucket;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication for every request, deny by default: an API key ({@code X-API-Key} or {@code Authorization:
 * Bearer pk_…}), a bearer access token, or the access-token cookie. Only the routes listed as public answer
 * without one. Cookie-authenticated unsafe requests must also carry {@code X-CSRF-Token} equal to the
 * {@code csrf_token} cookie (double submit); bearer and API-key requests need not, as browsers never add them
 * by themselves.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class AuthFilter implements Ordered {

    static final String PRINCIPAL = AuthenticateQuery.Principal.REQUEST_ATTRIBUTE;
    static final String VIA_COOKIE = "consultaion.via_cookie";
    static final String VIA_API_KEY = "consultaion.auth.via-api-key";

    private static final Set<String> PUBLIC = Set.of(
            "GET /",
            "GET /healthz",
            "GET /readyz",
            "GET /version",
            "POST /auth/register",
            "POST /auth/login",
            "POST /auth/refresh",
            "GET /config/default",
            "GET /config/members",
            "GET /models",
            "GET /models/default",
            "GET /leaderboard",
            "GET /stats/models",
            "GET /stats/hall-of-fame",
            "GET /billing/plans");
    /** Public routes with a path parameter: this prefix and exactly one more segment. */
    private static final Set<String> PUBLIC_ONE_SEGMENT =
            Set.of("GET /leaderboard/persona/", "GET /stats/models/", "POST /billing/webhook/");

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final AuthenticateQuery authenticate;
    private final AccessTokens tokens;
    private final RateLimitQuery limits;

    AuthFilter(AuthenticateQuery authenticate, AccessTokens tokens, RateLimitQuery limits) {
        this.authenticate = authenticate;
        this.tokens = tokens;
        this.limits = limits;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }

    /** Whether the route answers without credentials (read from the path as the router reads it). */
    static boolean isPublic(HttpRequest<?> request) {
        String path = RoutePath.of(request);
        return request.getMethod() == HttpMethod.OPTIONS
                || PUBLIC.contains(request.getMethodName() + " " + path)
                || PUBLIC_ONE_SEGMENT.stream().anyMatch(p -> oneSegmentUnder(request.getMethodName() + " " + path, p))
                || path.equals("/openapi.yaml")
                || path.equals("/openapi.json")
                || path.startsWith("/swagger-ui/")
                || (request.getMethod() == HttpMethod.GET && path.startsWith("/assets/"));
    }

    private static boolean oneSegmentUnder(String route, String prefix) {
        return route.startsWith(prefix) && route.length() > prefix.length() && route.indexOf('/', prefix.length()) < 0;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request, MutablePropagatedContext context) {
        if (request.getMethod() == HttpMethod.POST && RoutePath.of(request).startsWith("/billing/webhook/")) {
            // A payment provider's webhook: its signature is the only credential; cookies and tokens sent with
            // it are not looked at (so no CSRF check either).
            return null;
        }
        boolean open = isPublic(request);
        Optional<Credential> credential = credential(request);
        if (credential.isEmpty()) {
            return open ? null : unauthorized("auth.required", "Authentication is required.");
        }
        Optional<AuthenticateQuery.Principal> principal = switch (credential.get()) {
            case Credential.ApiKey k -> authenticate.byApiKey(k.key());
            case Credential.Jwt j ->
                tokens.verify(j.token()).flatMap(c -> authenticate.bySession(c.userId(), c.sessionId()));
        };
        if (principal.isEmpty()) {
            // Bad credentials sent in a header spend the address's sign-in budget, so guessing keys or tokens is
            // rate limited like guessing passwords (an API-key guess costs a database lookup). A stale session
            // cookie does not: browsers send it on every request until it is refreshed, and checking it costs
            // no lookup.
            boolean staleCookie = credential.get() instanceof Credential.Jwt j && j.cookie();
            if (!staleCookie) {
                Optional<TokenBucket.Decision> guess =
                        limits.check("ip:" + ClientAddressFilter.of(request), RateLimitPolicy.Operation.SIGN_IN);
                if (guess.isPresent() && !guess.get().allowed()) {
                    return RateLimitFilter.refusal(guess.get());
                }
            }
            return open ? null : unauthorized("auth.invalid_token", "The credentials are invalid, expired or revoked.");
        }
        boolean viaCookie = credential.get() instanceof Credential.Jwt j && j.cookie();
        if (viaCookie && !SAFE.contains(request.getMethod()) && !csrfMatches(request)) {
            return HttpResponse.status(HttpStatus.FORBIDDEN)
                    .body(ApiError.of(
                            "auth.csrf_failed", "Send the csrf_token cookie's value in the X-CSRF-Token header."));
        }
        request.setAttribute(PRINCIPAL, principal.get());
        request.setAttribute(VIA_COOKIE, viaCookie);
        request.setAttribute(VIA_API_KEY, credential.get() instanceof Credential.ApiKey);
        // Everything logged while handling this request carries the caller's id (never an e-mail or a token).
        Map<String, String> logContext = new HashMap<>();
        request.getAttribute("request_id", String.class).ifPresent(id -> logContext.put("request_id", id));
        logContext.put("user_id", principal.get().userId().toString());
        context.add(new MdcPropagationContext(logContext));
        return null;
    }

    static boolean csrfMatches(HttpRequest<?> request) {
        String header = request.getHeaders().get("X-CSRF-Token");
        String cookie = request.getCookies()
                .findCookie(CookieSettings.CSRF)
                .map(Cookie::getValue)
                .orElse(null);
        return header != null
                && cookie != null
                && !cookie.isEmpty()
                && MessageDigest.isEqual(
                        header.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<?> unauthorized(String code, String message) {
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Bearer")
                .body(ApiError.of(code, message));
    }

    private sealed interface Credential {
        record ApiKey(String key) implements Credential {}

        record Jwt(String token, boolean cookie) implements Credential {}
    }

    private static Optional<Credential> credential(HttpRequest<?> request) {
        String apiKey = request.getHeaders().get("X-API-Key");
        if (apiKey != null) {
            return Optional.of(new Credential.ApiKey(apiKey.strip()));
        }
        String authorization = request.getHeaders().get("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            return Optional.of(
                    token.startsWith("pk_") ? new Credential.ApiKey(token) : new Credential.Jwt(token, false));
        }
        return request.getCookies().findCookie(CookieSettings.ACCESS).map(c -> new Credential.Jwt(c.getValue(), true));
    }
}
