package com.consultaion.adapter.sse;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Sinks;

/**
 * Frames through the response's reactive body: the HTTP layer takes them as the connection drains. A bounded
 * buffer of {@link #MAX_BUFFERED} frames per subscriber. Used where the connection is not a Netty HTTP/1.1 channel,
 * and by the unit tests, which play the connection.
 */
final class ReactiveOutlet implements Outlet {

    /** Frames a subscriber may have waiting for its connection before it is dropped for lag. */
    static final int MAX_BUFFERED = 2_048;

    // The end is signalled past the buffer, not through it: an error or completion queued behind frames would
    // wait for a client that no longer reads.
    private final Sinks.Empty<Void> cut = Sinks.empty();
    /** Frames handed over but not yet taken by the connection: the subscriber's lag. */
    private final AtomicLong queued = new AtomicLong();

    private volatile FluxSink<Chunk> sink;

    @SuppressWarnings("ArrayRecordComponent")
    private record Chunk(byte[] bytes, int frames) {}

    @Override
    public Flux<byte[]> body(byte[] first, Supplier<Runnable> start) {
        return Flux.<Chunk>create(
                        s -> {
                            sink = s;
                            // First, before the stream's reader can run on another thread.
                            queued.incrementAndGet();
                            s.next(new Chunk(first, 1));
                            Runnable cleanup = start.get();
                            s.onDispose(cleanup::run);
                        },
                        // Held here until the connection takes it; send refuses once too much is held, so this
                        // buffer stays bounded.
                        FluxSink.OverflowStrategy.BUFFER)
                .doOnNext(chunk -> queued.addAndGet(-chunk.frames()))
                .map(Chunk::bytes)
                .takeUntilOther(cut.asMono());
    }

    @Override
    public boolean send(byte[] chunk, int frames) {
        if (queued.addAndGet(frames) > MAX_BUFFERED) {
            queued.addAndGet(-frames);
            return false;
        }
        sink.next(new Chunk(chunk, frames));
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
