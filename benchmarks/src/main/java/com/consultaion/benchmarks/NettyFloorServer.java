package com.consultaion.benchmarks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor under the SSE fan-out figures: a bare Netty HTTP server (no Micronaut, no database, no debate) that
 * speaks just enough of the API for {@link SseFanoutBenchmark} — {@code POST /debates} answers an id, {@code GET
 * /debates/{id}/stream} opens a chunked event stream — and every {@code interval} ms writes one event of {@code
 * size} bytes, stamped with the time it was made, to every open stream of every debate at the same instant: the
 * worst case of the real harness, whose debates commit their stages within milliseconds of each other. After
 * {@code bursts} bursts each stream gets a final event and ends. What {@link SseFanoutBenchmark} measures against
 * it is what the machine, loopback TCP, Netty's chunked HTTP and the harness cost before the service adds anything.
 *
 * <p>Arguments: {@code port=8186 subscribers=0 interval=2000 bursts=40 size=800 threads=2 batch=false
 * warmup-streams=200 warmup-bursts=300 replayed=20}. Before it says it is ready the server writes the warm-up bursts
 * to streams of its own ({@link #warmUp}); each new stream first gets {@code replayed} old events. The bursts begin
 * once {@code subscribers} streams are open (or after 120 s). {@code batch=true} hands each event loop one task per
 * burst that writes to all of its streams, instead of one task per stream. Bounded: the process exits after the
 * last burst.
 */
// Netty's write futures: frames go with the void promise, a failed connection closes and leaves its debate's list.
@SuppressWarnings("FutureReturnValueIgnored")
public final class NettyFloorServer {

    private static final byte[] PAD = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);

    private final Map<String, List<Channel>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger debates = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private static final String WARM_UP = "warm-up";
    private final EventLoopGroup loops;
    private final Channel server;

    /** Sent to each stream as it opens, stamped before any stream opened (so never counted as live). */
    private final ByteBuf replay;

    /**
     * Listens on {@code port} (0: any free one) with {@code threads} event loops. Each stream first gets {@code
     * replayed} old events, as the service replays a debate's history: the harness parses them, so its reading
     * path is compiled before the measured bursts, as it is against the service.
     */
    NettyFloorServer(int port, int threads, int replayed) throws InterruptedException {
        replay = Unpooled.unreleasableBuffer(Unpooled.directBuffer());
        for (int i = 1; i <= replayed; i++) {
            ByteBuf old = frame("replay", -i, 800, Instant.now());
            replay.writeBytes(old);
            old.release();
        }
        loops = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(loops)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 16_384)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024))
                                .addLast(new Requests());
                    }
                })
                .bind("127.0.0.1", port)
                .sync()
                .channel();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchArgs.parse(args);
        int port = Integer.parseInt(o.getOrDefault("port", "8186"));
        long interval = Long.parseLong(o.getOrDefault("interval", "2000"));
        int bursts = Integer.parseInt(o.getOrDefault("bursts", "40"));
        int size = Integer.parseInt(o.getOrDefault("size", "800"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "2"));
        int awaiting = Integer.parseInt(o.getOrDefault("subscribers", "0"));
        boolean batch = Boolean.parseBoolean(o.getOrDefault("batch", "false"));
        NettyFloorServer floor =
                new NettyFloorServer(port, threads, Integer.parseInt(o.getOrDefault("replayed", "20")));
        floor.warmUp(
                Integer.parseInt(o.getOrDefault("warmup-streams", "200")),
                Integer.parseInt(o.getOrDefault("warmup-bursts", "300")),
                size,
                batch);
        System.out.printf(
                "floor server ready on 127.0.0.1:%d (warmed up): %d bursts every %d ms, %d-byte events, batch=%s%n",
                port, bursts, interval, size, batch);
        System.out.flush();
        try {
            floor.run(awaiting, interval, bursts, size, batch);
        } finally {
            floor.close();
        }
        System.out.printf(
                "floor server CPU time: %.1f s (user + system, all threads, since launch)%n",
                ProcessHandle.current()
                                .info()
                                .totalCpuDuration()
                                .map(Duration::toMillis)
                                .orElse(-1L)
                        / 1000.0);
        System.exit(0);
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Waits (at most 120 s) until {@code awaiting} streams are open, then writes {@code bursts} events to all of
     * them, {@code interval} ms apart; the last one is {@code final} and ends every stream.
     */
    void run(int awaiting, long interval, int bursts, int size, boolean batch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (opened.get() < awaiting && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long next = System.currentTimeMillis() + interval;
        for (int b = 1; b <= bursts; b++) {
            Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            next += interval;
            burst(streams.keySet(), b == bursts ? "final" : "message", b, size, batch);
        }
        Thread.sleep(1_000); // the last frames and the ends leave
    }

    /**
     * Compiles the write path before anything is measured: {@code connections} streams of a debate of its own,
     * opened by plain sockets that discard what they read, get {@code bursts} events, then end and go. Without it
     * the first measured bursts run in the interpreter, and with 25 bursts those few decide the p99.
     */
    void warmUp(int connections, int bursts, int size, boolean batch) throws Exception {
        String id = WARM_UP;
        streams.put(id, new CopyOnWriteArrayList<>());
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port());
                socket.getOutputStream()
                        .write(("GET /debates/" + id + "/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                Thread.ofVirtual().start(() -> {
                    try {
                        socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                    } catch (IOException ended) {
                        // the warm-up stream closed
                    }
                });
                sockets.add(socket);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (streams.get(id).size() < connections && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            for (int b = 1; b <= bursts; b++) {
                burst(List.of(id), b == bursts ? "final" : "warmup", b, size, batch);
                Thread.sleep(2);
            }
            Thread.sleep(500);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            streams.remove(id);
        }
    }

    void close() throws InterruptedException {
        server.close().sync();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }

    /** One event to every open stream: one shared buffer, one write per stream. */
    private void burst(Collection<String> debateIds, String type, int seq, int size, boolean batch) {
        ByteBuf frame = frame(type, seq, size, Instant.now());
        boolean last = type.equals("final");
        List<Channel> all = new ArrayList<>();
        for (String id : debateIds) {
            all.addAll(streams.getOrDefault(id, List.of()));
        }
        if (batch) {
            Map<EventLoop, List<Channel>> byLoop = new HashMap<>();
            for (Channel ch : all) {
                byLoop.computeIfAbsent(ch.eventLoop(), l -> new ArrayList<>()).add(ch);
            }
            byLoop.forEach((loop, channels) -> {
                ByteBuf shared = frame.retainedDuplicate();
                loop.execute(() -> {
                    for (Channel ch : channels) {
                        write(ch, shared.retainedDuplicate(), last);
                    }
                    shared.release();
                });
            });
        } else {
            for (Channel ch : all) {
                ByteBuf own = frame.retainedDuplicate();
                ch.eventLoop().execute(() -> write(ch, own, last));
            }
        }
        frame.release();
    }

    /** One SSE frame of about {@code size} bytes, stamped {@code ts}, in a direct buffer. */
    private static ByteBuf frame(String type, int seq, int size, Instant ts) {
        String head = "id: " + seq + "\ndata: {\"type\":\"" + type + "\",\"seq\":" + seq + ",\"ts\":\"" + ts
                + "\",\"text\":\"";
        String tail = "\"}\n\n";
        int pad = Math.max(0, size - head.length() - tail.length());
        ByteBuf frame = Unpooled.directBuffer(head.length() + pad + tail.length());
        return frame.writeBytes(head.getBytes(StandardCharsets.US_ASCII))
                .writeBytes(PAD, 0, pad)
                .writeBytes(tail.getBytes(StandardCharsets.US_ASCII));
    }

    private static void write(Channel ch, ByteBuf frame, boolean last) {
        ch.writeAndFlush(new DefaultHttpContent(frame), ch.voidPromise());
        if (last) {
            ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private final class Requests extends SimpleChannelInboundHandler<HttpRequest> {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reader that went away (reset): its stream simply ends
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpRequest request) {
            String uri = request.uri();
            if (request.method().equals(HttpMethod.POST) && uri.equals("/debates")) {
                String id = "floor-" + debates.incrementAndGet();
                streams.put(id, new CopyOnWriteArrayList<>());
                byte[] body = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.US_ASCII);
                FullHttpResponse created = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.CREATED, Unpooled.wrappedBuffer(body));
                created.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                ctx.writeAndFlush(created);
                return;
            }
            List<Channel> debate = uri.startsWith("/debates/") && uri.endsWith("/stream")
                    ? streams.get(uri.substring("/debates/".length(), uri.length() - "/stream".length()))
                    : null;
            if (debate == null) {
                FullHttpResponse missing =
                        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
                missing.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                ctx.writeAndFlush(missing);
                return;
            }
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                    .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            ctx.write(head);
            ctx.writeAndFlush(new DefaultHttpContent(replay.duplicate()));
            debate.add(ctx.channel());
            if (!uri.contains(WARM_UP)) {
                opened.incrementAndGet();
            }
            ctx.channel().closeFuture().addListener(f -> debate.remove(ctx.channel()));
        }
    }
}
