package com.consultaion.bootstrap.observability;

import com.consultaion.application.port.out.Tracing;
import com.consultaion.domain.Nullable;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/** The core's {@link Tracing} port on the OpenTelemetry SDK: parents travel as W3C {@code traceparent} strings. */
public final class OtelTracing implements Tracing {

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public @Nullable String get(@Nullable String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    public OtelTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    Tracer tracer() {
        return tracer;
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, or null for a span that is not recording. */
    static @Nullable String traceParent(SpanContext context) {
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-"
                + context.getTraceFlags().asHex();
    }

    @Override
    public @Nullable String currentParent() {
        return traceParent(io.opentelemetry.api.trace.Span.current().getSpanContext());
    }

    @Override
    public Tracing.Span start(String name, @Nullable String parent) {
        Context parentContext = parent == null
                ? Context.current()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), parent, TRACEPARENT);
        return new OtelSpan(tracer.spanBuilder(name).setParent(parentContext).startSpan());
    }

    private record OtelSpan(io.opentelemetry.api.trace.Span span) implements Tracing.Span {

        @Override
        public Tracing.Span attribute(String key, String value) {
            span.setAttribute(key, value);
            return this;
        }

        @Override
        public Tracing.Span attribute(String key, long value) {
            span.setAttribute(key, value);
            return this;
        }

        @Override
        public Tracing.Span failed(String reason) {
            span.setStatus(StatusCode.ERROR, reason);
            return this;
        }

        @Override
        public @Nullable String traceParent() {
            return OtelTracing.traceParent(span.getSpanContext());
        }

        @Override
        public @Nullable String traceId() {
            return span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null;
        }

        @Override
        public void close() {
            span.end();
        }
    }
}
