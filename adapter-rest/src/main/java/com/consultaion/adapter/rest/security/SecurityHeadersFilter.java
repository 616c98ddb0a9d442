package com.consultaion.adapter.rest.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Security headers on every response. The API serves JSON and event streams, so the policy forbids everything
 * a browser could load from it (the Swagger UI pages get the scripts and styles they need from this origin).
 * HSTS is sent when the request reached us over HTTPS (directly or as said by the proxy).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter {

    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final String UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
            + "'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders h = response.getHeaders();
        boolean ui = request.getPath().startsWith("/swagger");
        h.set("Content-Security-Policy", ui ? UI_POLICY : API_POLICY);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        if (!h.contains("Cache-Control")) {
            h.set("Cache-Control", "no-store");
        }
        if (request.isSecure() || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"))) {
            h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }
}
