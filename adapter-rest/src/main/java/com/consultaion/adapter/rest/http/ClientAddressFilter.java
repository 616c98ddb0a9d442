package com.consultaion.adapter.rest.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Arrays;

/** Records each request's client address once, for rate limits and the audit trail (see {@link ClientAddress}). */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class ClientAddressFilter implements Ordered {

    /** The request attribute holding the client's address. */
    static final String ATTRIBUTE = "consultaion.client_ip";

    private final ClientAddress resolver;

    ClientAddressFilter(@Value("${consultaion.http.trusted-proxies:}") String trustedProxies) {
        this.resolver = new ClientAddress(Arrays.asList(trustedProxies.split(",")));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }

    @RequestFilter
    void resolve(HttpRequest<?> request) {
        String peer =
                request.getRemoteAddress() == null || request.getRemoteAddress().getAddress() == null
                        ? null
                        : request.getRemoteAddress().getAddress().getHostAddress();
        String client = resolver.resolve(peer, request.getHeaders().get("X-Forwarded-For"));
        if (client != null) {
            request.setAttribute(ATTRIBUTE, client);
        }
    }

    /** The client address a request was given, else its peer's. */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class)
                .orElseGet(() -> request.getRemoteAddress() == null
                                || request.getRemoteAddress().getAddress() == null
                        ? null
                        : request.getRemoteAddress().getAddress().getHostAddress());
    }
}
