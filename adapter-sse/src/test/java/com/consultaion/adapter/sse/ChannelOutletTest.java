package com.consultaion.adapter.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ChannelOutlet} on a real Netty connection over 127.0.0.1. A stand-in for Micronaut's handler writes the
 * response the way Micronaut does — the head (with the marker) and the body's first frame handed to the event loop
 * after the controller returned, the end chunk when the body completes — so the amount of data and the client's
 * behaviour are chosen by the test.
 */
class ChannelOutletTest {

    private static final byte[] RETRY = "retry: 3000\n\n".getBytes(StandardCharsets.US_ASCII);

    private EventLoopGroup group;
    private Channel server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Serves one stream per request: {@code streamOpened} gets its outlet on the event loop, after the outlet was
     * prepared and before the response is written, as a controller would.
     */
    private int serve(long maxBacklogBytes, Integer sendBuffer, Consumer<ChannelOutlet> streamOpened) {
        return serve(maxBacklogBytes, sendBuffer, false, streamOpened);
    }

    /** {@code headAtOnce}: the head is written in the same event-loop task that prepared the outlet. */
    private int serve(
            long maxBacklogBytes, Integer sendBuffer, boolean headAtOnce, Consumer<ChannelOutlet> streamOpened) {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("codec", new HttpServerCodec());
                        ch.pipeline()
                                .addLast(
                                        "micronaut",
                                        new StandInForMicronaut(maxBacklogBytes, headAtOnce, streamOpened));
                        ChannelOutlet.install(ch.pipeline(), "micronaut"); // as StreamChannels does
                    }
                });
        if (sendBuffer != null) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, sendBuffer);
        }
        server = bootstrap
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .syncUninterruptibly()
                .channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static final class StandInForMicronaut extends ChannelInboundHandlerAdapter {
        private final long maxBacklogBytes;
        private final boolean headAtOnce;
        private final Consumer<ChannelOutlet> streamOpened;

        StandInForMicronaut(long maxBacklogBytes, boolean headAtOnce, Consumer<ChannelOutlet> streamOpened) {
            this.maxBacklogBytes = maxBacklogBytes;
            this.headAtOnce = headAtOnce;
            this.streamOpened = streamOpened;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean request = msg instanceof HttpRequest;
            ReferenceCountUtil.release(msg);
            if (!request) {
                return;
            }
            ChannelOutlet outlet = ChannelOutlet.prepare(ctx, maxBacklogBytes).orElseThrow();
            streamOpened.accept(outlet);
            // Micronaut writes the response later, on the event loop: what the stream sends meanwhile waits.
            Runnable respond = () -> {
                DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers()
                        .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                        .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                        .set(ChannelOutlet.MARKER, outlet.marker());
                ctx.write(head);
                outlet.body(RETRY, () -> () -> {})
                        .subscribe(
                                first -> onLoop(
                                        ctx,
                                        () -> ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(first)))),
                                error -> onLoop(ctx, ctx::close),
                                () -> onLoop(ctx, () -> ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)));
            };
            if (headAtOnce) {
                respond.run();
            } else {
                ctx.executor().execute(respond);
            }
        }
    }

    /** As Micronaut does: at once on the event loop, else handed to it. */
    private static void onLoop(ChannelHandlerContext ctx, Runnable write) {
        if (ctx.executor().inEventLoop()) {
            write.run();
        } else {
            ctx.executor().execute(write);
        }
    }

    private static Socket connect(int port, Integer receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer != null) {
            socket.setReceiveBufferSize(receiveBuffer); // before connecting: the window it advertises stays small
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream()
                .write("GET /stream HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** Everything until the server closes or the response's end chunk arrives (bounded by the socket timeout). */
    private static String readResponse(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            received.write(buffer, 0, n);
            if (received.toString(StandardCharsets.US_ASCII).endsWith("\r\n0\r\n\r\n")) {
                break;
            }
        }
        return received.toString(StandardCharsets.US_ASCII);
    }

    private static void readUntil(Socket socket, String text) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        while (!received.toString(StandardCharsets.US_ASCII).contains(text)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before " + text + ": " + received);
            }
            received.write(b);
        }
    }

    private static byte[] frame(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void framesSentBeforeTheHeadFollowTheFirstFrameInOrderAndTheMarkerNeverLeaves() throws Exception {
        int port = serve(1 << 20, null, outlet -> {
            // Sent while the response is still being prepared: they must wait for the head and the retry frame.
            assertThat(outlet.send(frame("id: 1\n\n"))).isTrue();
            assertThat(outlet.send(frame("id: 2\n\n"))).isTrue();
            outlet.complete();
        });
        try (Socket client = connect(port, null)) {
            String response = readResponse(client);

            assertThat(response).startsWith("HTTP/1.1 200 OK").endsWith("\r\n0\r\n\r\n");
            String head = response.substring(0, response.indexOf("\r\n\r\n"));
            assertThat(head.toLowerCase())
                    .contains("transfer-encoding: chunked")
                    .doesNotContain("outlet");
            String body = response.substring(head.length());
            assertThat(body.indexOf("retry: 3000")).isPositive();
            assertThat(body.indexOf("retry: 3000")).isLessThan(body.indexOf("id: 1"));
            assertThat(body.indexOf("id: 1")).isLessThan(body.indexOf("id: 2"));
        }
    }

    @Test
    void aHeadWrittenRightAfterThePreparationStillHandsTheConnectionOver() throws Exception {
        // Seen with Micronaut: the response can be written before any task queued by the controller runs. The
        // handler is there from the connection's start and the outlet is registered before the controller
        // returns, so nothing depends on that order (a first version added the handler from a queued task, and
        // such a stream stalled until the idle timeout).
        int port = serve(1 << 20, null, true, outlet -> {
            assertThat(outlet.send(frame("id: 1\n\n"))).isTrue();
            outlet.complete();
        });
        try (Socket client = connect(port, null)) {
            String response = readResponse(client);

            assertThat(response).endsWith("\r\n0\r\n\r\n");
            assertThat(response.indexOf("retry: 3000")).isLessThan(response.indexOf("id: 1"));
        }
    }

    @Test
    void aClientThatKeepsUpGetsAChunkLargerThanTheLimit() throws Exception {
        byte[] big = new byte[64 * 1024];
        Arrays.fill(big, (byte) 'x');
        CompletableFuture<Boolean> accepted = new CompletableFuture<>();
        int port = serve(1024, null, outlet -> {
            accepted.complete(outlet.send(big));
            outlet.complete();
        });
        try (Socket client = connect(port, null)) {
            String response = readResponse(client);
            assertThat(accepted.get(30, TimeUnit.SECONDS)).isTrue();
            String body = response.substring(response.indexOf("\r\n\r\n"));
            assertThat(body.chars().filter(c -> c == 'x').count()).isEqualTo(big.length);
            assertThat(response).endsWith("\r\n0\r\n\r\n");
        }
    }

    @Test
    void aClientThatStopsReadingIsRefusedOnceItsBacklogPassesTheLimitAndCutOff() throws Exception {
        long limit = 64 * 1024;
        CompletableFuture<ChannelOutlet> opened = new CompletableFuture<>();
        int port = serve(limit, 4096, opened::complete);
        try (Socket stalled = connect(port, 2048)) {
            ChannelOutlet outlet = opened.get(30, TimeUnit.SECONDS);
            // The client reads the head and the retry frame, then stops reading.
            readUntil(stalled, "retry: 3000");
            byte[] chunk = new byte[16 * 1024];
            Arrays.fill(chunk, (byte) 'y');
            int accepted = 0;
            // Without a bound this client would hold 100 × 16 KiB here and far more in a real debate.
            while (accepted < 100 && outlet.send(chunk)) {
                accepted++;
            }
            assertThat(accepted).as("chunks taken before the refusal").isLessThan(100);

            outlet.cut();
            // The server lets go of the connection: what the client finally reads ends at the close, without the
            // response's end chunk.
            String rest = readResponse(stalled);
            assertThat(rest).contains("yyyy").doesNotEndWith("\r\n0\r\n\r\n");
        }
    }
}
