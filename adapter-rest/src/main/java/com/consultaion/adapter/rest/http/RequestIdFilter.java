package com.consultaion.adapter.rest.http;

import com.consultaion.application.port.in.AuthenticateQuery.Principal;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id (the caller's {@code X-Request-ID} when it is sane, else a new UUID), puts it in
 * the logging context of everything that handles the request, echoes it in the response and writes one access
 * log line per request (method, path without query, status, duration: never bodies or query strings).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {

    static final String HEADER = "X-Request-ID";
    static final String MDC_KEY = "request_id";
    private static final String START_ATTRIBUTE = "consultaion.request.start";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger ACCESS = LoggerFactory.getLogger("consultaion.access");

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @RequestFilter
    void assignId(HttpRequest<?> request, MutablePropagatedContext context) {
        String offered = request.getHeaders().get(HEADER);
        String id = offered != null && SANE.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
        request.setAttribute(MDC_KEY, id);
        request.setAttribute(START_ATTRIBUTE, System.nanoTime());
        MDC.put(MDC_KEY, id);
        try {
            context.add(new MdcPropagationContext());
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    @ResponseFilter
    void echoId(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = request.getAttribute(MDC_KEY, String.class).orElse(null);
        if (id != null) {
            response.getHeaders().set(HEADER, id);
        }
        if (ACCESS.isInfoEnabled()) {
            long started = request.getAttribute(START_ATTRIBUTE, Long.class).orElse(System.nanoTime());
            MDC.put(MDC_KEY, id);
            request.getAttribute(Principal.REQUEST_ATTRIBUTE, Principal.class)
                    .ifPresent(p -> MDC.put("user_id", p.userId().toString()));
            try {
                ACCESS.info(
                        "{} {} {} {}ms",
                        request.getMethodName(),
                        request.getPath(),
                        response.code(),
                        (System.nanoTime() - started) / 1_000_000);
            } finally {
                MDC.remove(MDC_KEY);
                MDC.remove("user_id");
            }
        }
    }
}
