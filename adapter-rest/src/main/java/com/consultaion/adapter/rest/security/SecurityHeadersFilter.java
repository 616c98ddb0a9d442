package com.consultaion.adapter.rest.security;

import com.consultaion.adapter.rest.error.ApiError;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Map;

/**
 * Security headers on every response. The API serves JSON and event streams, so the policy forbids everything
 * a browser could load from it (the Swagger UI pages get the scripts and styles they need from this origin).
 * HSTS is sent when the request reached us over HTTPS (directly or as said by the proxy).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter implements Ordered {

    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    /** The headers of an API response, for answers made below the framework too (see RequestHeadGuard). */
    static final Map<String, String> API_HEADERS = Map.of(
            "Content-Security-Policy", API_POLICY,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cache-Control", "no-store");

    /**
     * First of all filters, so its response half runs last and for every response: also a refusal that a later
     * filter (authentication: 401, the rate limit: 429) or the router (404, 405) made without going further.
     */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    /** The Swagger UI's page: scripts from this origin only (none inline); the UI sets inline styles. */
    private static final String UI_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

    /**
     * The web page ({@code /} and its assets): this origin's scripts, styles, images and requests only; no inline
     * script or style, no frames, no plug-ins, forms post only here.
     */
    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders h = response.getHeaders();
        boolean ui = request.getPath().startsWith("/swagger-ui");
        API_HEADERS.forEach((name, value) -> {
            if (!name.equals("Cache-Control") || !h.contains(name)) {
                h.set(name, value);
            }
        });
        if (ui) {
            h.set("Content-Security-Policy", UI_POLICY);
        } else if (request.getPath().equals("/") || request.getPath().startsWith("/assets/")) {
            h.set("Content-Security-Policy", PAGE_POLICY);
        }
        if (response.code() >= 400 && response.getBody().isEmpty() && request.getMethod() != HttpMethod.HEAD) {
            // A refusal made without a body (the CORS filter's 403 for an origin it does not allow): the one
            // error shape all the same.
            ApiError body = response.code() == 403 && request.getHeaders().contains("Origin")
                    ? ApiError.of("cors.origin_denied", "Requests from this origin are not allowed.")
                    : ApiError.forStatus(response.code());
            response.body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"))) {
            h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }
}
