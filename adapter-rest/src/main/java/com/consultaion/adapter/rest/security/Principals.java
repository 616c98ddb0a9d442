package com.consultaion.adapter.rest.security;

import com.consultaion.adapter.rest.http.ClientAddressFilter;
import com.consultaion.application.port.in.AuthenticateQuery;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.Requester;
import io.micronaut.http.HttpRequest;

/** Reads what the filters attached to a request: the caller, and where the request came from. */
public final class Principals {

    private Principals() {}

    /** The authenticated caller; only called on routes the filter does not leave public. */
    public static AuthenticateQuery.Principal of(HttpRequest<?> request) {
        return request.getAttribute(AuthFilter.PRINCIPAL, AuthenticateQuery.Principal.class)
                .orElseThrow(() -> new IllegalStateException("route is not protected by the authentication filter"));
    }

    /** The caller on a public route: the signed-in requester, else anonymous. */
    public static Requester requesterOrAnonymous(HttpRequest<?> request) {
        return request.getAttribute(AuthFilter.PRINCIPAL, AuthenticateQuery.Principal.class)
                .map(AuthenticateQuery.Principal::requester)
                .orElse(Requester.anonymous());
    }

    public static boolean viaCookie(HttpRequest<?> request) {
        return request.getAttribute(AuthFilter.VIA_COOKIE, Boolean.class).orElse(false);
    }

    /** Whether the caller authenticated with an API key (the only way into {@code /mcp}). */
    public static boolean viaApiKey(HttpRequest<?> request) {
        return request.getAttribute(AuthFilter.VIA_API_KEY, Boolean.class).orElse(false);
    }

    public static boolean csrfMatches(HttpRequest<?> request) {
        return AuthFilter.csrfMatches(request);
    }

    public static ClientContext client(HttpRequest<?> request) {
        String ip = ClientAddressFilter.of(request);
        return new ClientContext(
                ip, request.getAttribute("request_id", String.class).orElse(null));
    }
}
