package com.consultaion.adapter.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Frames written straight to the subscriber's Netty channel, on its event loop: one task and one write system call
 * per chunk, instead of a hand-over through the response's reactive body (a Reactor pipeline, Micronaut's body
 * adapter and its own hop to the event loop) for each chunk and each of thousands of subscribers (ADR 0011).
 *
 * <p>Micronaut still owns the response: it writes the head and the first frame (the retry frame, through
 * {@link #body}), and it ends the response when the body completes. A small handler placed just before Micronaut's
 * in the channel's pipeline recognises the head by a marker header (removed before it reaches the client), and once
 * the first frame has gone by, this outlet writes the rest itself, below Micronaut's handler. What is sent before
 * that waits here. Completion is signalled from the event loop after the last frame was written, so Micronaut's
 * final chunk follows every frame.
 *
 * <p>Lag: bytes sent but not yet written to the socket (queued tasks, frames waiting for the head, the channel's
 * outbound buffer) are bounded by the stream's backlog limit; past it, {@link #send} refuses and the stream ends.
 */
// Netty's write and close futures: frames are written with the void promise (a failed write reaches the pipeline,
// which closes the connection, and the close ends the stream); the handler passes its caller's promise on.
@SuppressWarnings("FutureReturnValueIgnored")
final class ChannelOutlet implements Outlet {

    /** How long the response stays open after its terminal frame was written (see {@link #complete}). */
    static final Duration END_LINGER = Duration.ofMillis(200);

    /** Set on the stream's response by the controller; the handler takes it off the head before it is sent. */
    static final String MARKER = "X-Consultaion-Outlet";

    private static final String HANDLER = "consultaion-sse-writer";
    private static final AtomicLong IDS = new AtomicLong();

    private final Channel channel;
    private final long maxBacklogBytes;
    private final String id = Long.toString(IDS.incrementAndGet());
    private final Sinks.Empty<Void> end = Sinks.empty();
    /** Bytes sent whose write task has not run yet. */
    private final AtomicLong inTasks = new AtomicLong();
    /** Bytes the connection held when the last write ran: waiting for the head, or in the outbound buffer. */
    private volatile long held;

    private final Writer writer;

    // Touched on the channel's event loop only.
    private ChannelHandlerContext ctx;
    private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();
    private long earlyBytes;
    private boolean ended;
    private boolean completeOnAttach;

    private ChannelOutlet(Channel channel, long maxBacklogBytes, Writer writer) {
        this.channel = channel;
        this.maxBacklogBytes = maxBacklogBytes;
        this.writer = writer;
    }

    /**
     * Adds the handler that hands connections to outlets, just before {@code micronautHandler} (the name of the
     * server's request handler). Called once per connection when its pipeline is built, before any request is
     * read ({@link StreamChannels}): the handler must be in place before any response can be written, and adding
     * it from a request was not (a response head could pass before the task that added it ran).
     */
    static void install(ChannelPipeline pipeline, String micronautHandler) {
        if (pipeline.get(micronautHandler) != null && pipeline.get(HANDLER) == null) {
            pipeline.addBefore(micronautHandler, HANDLER, new Writer());
        }
    }

    /**
     * An outlet for the response being prepared on the connection whose request handler is {@code handler}, or
     * empty when the connection has no outlet handler (then the response's reactive body carries the frames). The
     * response must carry {@link #MARKER} with {@link #marker()}. Registered before this returns, so before the
     * response can be written.
     */
    static Optional<ChannelOutlet> prepare(ChannelHandlerContext handler, long maxBacklogBytes) {
        if (!(handler.pipeline().get(HANDLER) instanceof Writer writer)) {
            return Optional.empty();
        }
        ChannelOutlet outlet = new ChannelOutlet(handler.channel(), maxBacklogBytes, writer);
        writer.expected.put(outlet.id, outlet);
        return Optional.of(outlet);
    }

    String marker() {
        return id;
    }

    @Override
    public Flux<byte[]> body(byte[] first, Supplier<Runnable> start) {
        return Flux.defer(() -> {
            Runnable cleanup = start.get();
            AtomicBoolean cleaned = new AtomicBoolean();
            channel.closeFuture().addListener(f -> channel.eventLoop().execute(this::finish));
            return Flux.just(first)
                    .concatWith(end.asMono().thenMany(Flux.<byte[]>empty()))
                    .doFinally(signal -> {
                        if (cleaned.compareAndSet(false, true)) {
                            cleanup.run();
                        }
                    });
        });
    }

    @Override
    public boolean send(byte[] chunk) {
        // Refused when more than the limit is already waiting: a single chunk larger than the limit still goes
        // to a client that keeps up.
        if (inTasks.getAndAdd(chunk.length) + held > maxBacklogBytes) {
            inTasks.addAndGet(-chunk.length);
            return false;
        }
        channel.eventLoop().execute(() -> write(chunk));
        return true;
    }

    @Override
    public void complete() {
        // The last frames are already queued for the socket; the response's end follows after a short linger.
        // Streams of debates that finish together would otherwise end together too, and the teardown of
        // thousands of connections (the end chunk, the client's close, the pipeline's clean-up) would run on the
        // event loops between the final frames of the same burst: measured at 10,000 subscribers, the final
        // events' p50 went from 427 ms to 91 ms with the linger.
        channel.eventLoop()
                .schedule(
                        () -> {
                            if (ctx == null && !early.isEmpty() && !ended) {
                                completeOnAttach = true; // the frames waiting for the head go first
                            } else {
                                finish();
                            }
                        },
                        END_LINGER.toMillis(),
                        TimeUnit.MILLISECONDS);
    }

    @Override
    public void cut() {
        channel.eventLoop().execute(() -> {
            if (ended) {
                return;
            }
            if (pending() > 0) {
                // The client is not reading what it has: a clean end would wait behind it.
                discard();
                channel.close();
            } else {
                finish();
            }
        });
    }

    @Override
    public void fail(RuntimeException error) {
        channel.eventLoop().execute(() -> {
            if (!ended) {
                discard();
                end.tryEmitError(error);
            }
        });
    }

    private void write(byte[] chunk) {
        inTasks.addAndGet(-chunk.length);
        if (ended) {
            return;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(chunk);
        if (ctx == null) {
            early.add(buf);
            earlyBytes += chunk.length;
        } else {
            ctx.writeAndFlush(new DefaultHttpContent(buf), ctx.voidPromise());
        }
        held = earlyBytes + pending();
    }

    /** The first frame went out after the head: from now on this outlet writes below Micronaut's handler. */
    private void attach(ChannelHandlerContext writerContext) {
        if (ended) {
            return;
        }
        ctx = writerContext;
        if (!early.isEmpty()) {
            for (ByteBuf buf; (buf = early.poll()) != null; ) {
                ctx.write(new DefaultHttpContent(buf), ctx.voidPromise());
            }
            ctx.flush();
            earlyBytes = 0;
        }
        held = pending();
        if (completeOnAttach) {
            finish();
        }
    }

    /** Ends the response after what was written (Micronaut writes the last chunk). Event loop only. */
    private void finish() {
        discard();
        end.tryEmitEmpty(); // a no-op once the body has ended
    }

    private void discard() {
        ended = true;
        for (ByteBuf buf; (buf = early.poll()) != null; ) {
            buf.release();
        }
        earlyBytes = 0;
        writer.expected.remove(id);
    }

    private long pending() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /**
     * One per HTTP/1 connection, just before Micronaut's handler: finds a stream's response head by its marker, and
     * hands the connection to the stream's outlet once the first frame has followed the head. Other responses pass
     * through untouched.
     */
    private static final class Writer extends ChannelOutboundHandlerAdapter {

        /** Outlets whose response head has not passed yet; registered from the controller's thread. */
        final Map<String, ChannelOutlet> expected = new ConcurrentHashMap<>();

        private ChannelOutlet headed;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse head) {
                String marker = head.headers().get(MARKER);
                if (marker != null) {
                    head.headers().remove(MARKER);
                    headed = expected.remove(marker);
                    if (headed != null && head.headers().contains(HttpHeaderNames.CONTENT_ENCODING)) {
                        // Micronaut compresses this response: frames written past it would not be. Never expected
                        // (the controller asks for no compression); end the connection rather than corrupt it.
                        headed.discard();
                        headed = null;
                        ctx.write(msg, promise);
                        ctx.close();
                        return;
                    }
                }
            }
            ctx.write(msg, promise);
            if (headed != null && msg instanceof HttpContent) {
                ChannelOutlet outlet = headed;
                headed = null;
                outlet.attach(ctx);
            }
        }
    }
}
