package com.consultaion.adapter.sse;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Sinks;

/**
 * Frames through the response's reactive body: the HTTP layer takes them as the connection drains; what it has
 * not taken yet is bounded by the backlog limit. Used where the connection has no {@link ChannelOutlet} handler
 * (HTTP/2, another server), and by the unit tests, which play the connection.
 */
final class ReactiveOutlet implements Outlet {

    // The end is signalled past the buffer, not through it: an error or completion queued behind frames would
    // wait for a client that no longer reads.
    private final Sinks.Empty<Void> cut = Sinks.empty();
    /** Bytes handed over but not yet taken by the connection: the subscriber's lag. */
    private final AtomicLong queued = new AtomicLong();

    private final long maxBacklogBytes;

    private volatile FluxSink<byte[]> sink;

    ReactiveOutlet(long maxBacklogBytes) {
        this.maxBacklogBytes = maxBacklogBytes;
    }

    @Override
    public Flux<byte[]> body(byte[] first, Supplier<Runnable> start) {
        return Flux.<byte[]>create(
                        s -> {
                            sink = s;
                            // First, before the stream's reader can run on another thread.
                            queued.addAndGet(first.length);
                            s.next(first);
                            Runnable cleanup = start.get();
                            s.onDispose(cleanup::run);
                        },
                        // Held here until the connection takes it; send refuses once too much is held, so this
                        // buffer stays bounded.
                        FluxSink.OverflowStrategy.BUFFER)
                .doOnNext(chunk -> queued.addAndGet(-chunk.length))
                .takeUntilOther(cut.asMono());
    }

    @Override
    public boolean send(byte[] chunk) {
        // Refused when more than the limit is already waiting (a single large chunk still goes to a client that
        // keeps up).
        if (queued.getAndAdd(chunk.length) > maxBacklogBytes) {
            queued.addAndGet(-chunk.length);
            return false;
        }
        sink.next(chunk);
        return true;
    }

    @Override
    public void complete() {
        sink.complete();
    }

    @Override
    public void cut() {
        cut.tryEmitEmpty();
    }

    @Override
    public void fail(RuntimeException error) {
        sink.error(error);
    }
}
