package com.consultaion.application.port.out;

import com.consultaion.domain.Nullable;

/**
 * Port out: distributed tracing. The core opens a span per debate run, per stage and per model call; an adapter
 * (OpenTelemetry in the service) records them. Parents travel as W3C {@code traceparent} strings, so a debate
 * started by an HTTP request is traced under that request even when another node's worker runs it later.
 * Attributes never carry prompt text or model output.
 */
public interface Tracing {

    /** The trace context of the calling thread (the HTTP request being served), or null when there is none. */
    @Nullable
    String currentParent();

    /** Starts a span under {@code parent} (a {@code traceparent}; null: the calling thread's context, else a root). */
    Span start(String name, @Nullable String parent);

    /** An open span; {@link #close()} ends it. Not made current on any thread: children name it as their parent. */
    interface Span extends AutoCloseable {

        Span attribute(String key, String value);

        Span attribute(String key, long value);

        /** Marks the span as failed, with a short reason (never user text). */
        Span failed(String reason);

        /** This span as a parent for others, or null when not recording. */
        @Nullable
        String traceParent();

        /** The trace id for log lines, or null when not recording. */
        @Nullable
        String traceId();

        @Override
        void close();
    }

    /** No tracing: every span is a no-op. */
    Tracing NONE = new Tracing() {
        @Override
        public @Nullable String currentParent() {
            return null;
        }

        @Override
        public Span start(String name, @Nullable String parent) {
            return NoSpan.INSTANCE;
        }
    };

    /** The span of {@link #NONE}. */
    enum NoSpan implements Span {
        INSTANCE;

        @Override
        public Span attribute(String key, String value) {
            return this;
        }

        @Override
        public Span attribute(String key, long value) {
            return this;
        }

        @Override
        public Span failed(String reason) {
            return this;
        }

        @Override
        public @Nullable String traceParent() {
            return null;
        }

        @Override
        public @Nullable String traceId() {
            return null;
        }

        @Override
        public void close() {}
    }
}
