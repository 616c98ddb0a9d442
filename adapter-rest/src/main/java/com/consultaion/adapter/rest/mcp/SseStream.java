package com.consultaion.adapter.rest.mcp;

import io.micronaut.http.sse.Event;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One SSE response of the Streamable HTTP transport: what the SDK sends for one request (its progress
 * notifications, then its response) or on the listening stream, as {@code message} events. When the client goes
 * away, the work behind the stream is cancelled ({@link #onCancel}); a debate it started goes on regardless.
 */
final class SseStream implements McpStreamableServerTransport {

    private final McpJsonMapper json;
    private final Sinks.Many<Event<String>> sink = Sinks.many().unicast().onBackpressureBuffer();
    private volatile Disposable work = () -> {};

    SseStream(McpJsonMapper json) {
        this.json = json;
    }

    /** The events for the HTTP response; cancelling it (a dropped connection) cancels the work. */
    Flux<Event<String>> events() {
        return sink.asFlux().doOnCancel(() -> work.dispose());
    }

    void onCancel(Disposable running) {
        this.work = running;
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return sendMessage(message, null);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message, String messageId) {
        return Mono.fromRunnable(() -> {
            String data;
            try {
                data = json.writeValueAsString(message);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Event<String> event = Event.of(data).name("message");
            if (messageId != null) {
                event = event.id(messageId);
            }
            emit(event);
        });
    }

    private synchronized void emit(Event<String> event) {
        sink.tryEmitNext(event); // a closed or cancelled stream drops it: the client is gone
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return json.convertValue(data, typeRef);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::complete);
    }

    @Override
    public void close() {
        complete();
    }

    private synchronized void complete() {
        sink.tryEmitComplete();
    }
}
