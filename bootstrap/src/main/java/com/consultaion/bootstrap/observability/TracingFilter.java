package com.consultaion.bootstrap.observability;

import com.consultaion.application.port.out.Tracing;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.slf4j.MDC;

/**
 * A server span per HTTP request, continuing the caller's {@code traceparent} header; it is the current span
 * wherever the request is handled (so a debate started here is traced under it), and its trace id is in the log
 * context of everything the request logs. Named by route template ({@code POST /debates/{id}/cancel}), never by
 * the raw path, so span names stay bounded.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = TracingFactory.EXPORTER, notEquals = "none")
final class TracingFilter implements Ordered {

    static final String MDC_KEY = "trace_id";
    private static final String SPAN_ATTRIBUTE = "consultaion.trace.span";

    private static final TextMapGetter<HttpRequest<?>> HEADERS = new TextMapGetter<>() {
        @Override
        public String get(HttpRequest<?> carrier, String key) {
            return carrier == null ? null : carrier.getHeaders().get(key);
        }
    };

    private final OtelTracing tracing;

    TracingFilter(Tracing tracing) {
        this.tracing = (OtelTracing) tracing;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.TRACING.order(); // after the request id, before authentication
    }

    @RequestFilter
    void start(HttpRequest<?> request, MutablePropagatedContext propagated) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
        String route = BasicHttpAttributes.getUriTemplate(request).orElse("unmatched");
        Span span = tracing.tracer()
                .spanBuilder(request.getMethodName() + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", request.getMethodName())
                .setAttribute("http.route", route)
                .startSpan();
        request.setAttribute(SPAN_ATTRIBUTE, span);
        propagated.add(new Current(parent.with(span), span.getSpanContext().getTraceId()));
    }

    @ResponseFilter
    void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(SPAN_ATTRIBUTE, Span.class).ifPresent(span -> {
            span.setAttribute("http.response.status_code", response.code());
            if (response.code() >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
    }

    /** Makes the request's span current, and its trace id part of the log context, on each thread it visits. */
    private record Current(Context context, String traceId) implements ThreadPropagatedContextElement<Scope> {
        // The scope is closed in restoreThreadContext, which Micronaut calls when the thread leaves the request.
        @SuppressWarnings("MustBeClosedChecker")
        @Override
        public Scope updateThreadContext() {
            Scope scope = context.makeCurrent();
            MDC.put(MDC_KEY, traceId);
            return scope;
        }

        @Override
        public void restoreThreadContext(Scope scope) {
            MDC.remove(MDC_KEY);
            scope.close();
        }
    }
}
