package com.consultaion.adapter.rest.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Guards each HTTP/1.x connection before a request reaches the framework: a request head (line and headers) must
 * arrive within {@code consultaion.http.header-timeout} of the connection opening or of the previous response
 * (slowloris sockets are closed instead of held for the idle timeout); a request line over the limit is 414, headers
 * over it 431 (not the body's 413); a protocol version other than HTTP/1.0 or 1.1 is 505. These answers carry the
 * API's error shape and security headers, and close the connection.
 */
@Singleton
final class RequestHeadGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final Duration headerTimeout;

    RequestHeadGuard(@Value("${consultaion.http.header-timeout}") Duration headerTimeout) {
        this.headerTimeout = headerTimeout;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new Connection(channel, headerTimeout) : this;
            }
        });
        return registry;
    }

    private record Connection(Channel channel, Duration headerTimeout) implements NettyServerCustomizer {
        @Override
        public void onStreamPipelineBuilt() {
            if (channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(Guard.class) == null) {
                channel.pipeline()
                        .addAfter(
                                ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                                "consultaion-head-guard",
                                new Guard(headerTimeout.toMillis()));
            }
        }
    }

    /** One connection's guard: arms the head timer when waiting for a request head, answers bad heads itself. */
    static final class Guard extends ChannelDuplexHandler {

        private final long timeoutMillis;
        private ScheduledFuture<?> timer;
        /** A refusal was sent: the connection only drains until it closes. */
        private boolean refused;

        Guard(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            arm(ctx);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            disarm();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            disarm();
            super.channelInactive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (refused) {
                ReferenceCountUtil.release(msg); // what the client still sends after its refusal is read and dropped
                return;
            }
            if (msg instanceof HttpRequest head) {
                disarm();
                HttpResponseStatus refusal = refusal(head);
                if (refusal != null) {
                    ReferenceCountUtil.release(msg);
                    refuse(ctx, refusal);
                    return;
                }
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof LastHttpContent) {
                // the response is complete: a kept-alive connection now waits for the next head, on the clock
                promise = promise.unvoid();
                promise.addListener(f -> {
                    if (ctx.channel().isActive()) {
                        arm(ctx);
                    }
                });
            }
            super.write(ctx, msg, promise);
        }

        private static HttpResponseStatus refusal(HttpRequest head) {
            if (head.decoderResult().isFailure()) {
                Throwable cause = head.decoderResult().cause();
                if (cause instanceof TooLongHttpLineException) {
                    return HttpResponseStatus.REQUEST_URI_TOO_LONG;
                }
                if (cause instanceof TooLongHttpHeaderException) {
                    return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
                }
                return cause instanceof TooLongFrameException
                        ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                        : null;
            }
            HttpVersion version = head.protocolVersion();
            boolean supported =
                    version.majorVersion() == 1 && (version.minorVersion() == 0 || version.minorVersion() == 1);
            return supported ? null : HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED;
        }

        private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status) {
            refused = true;
            String[] error = switch (status.code()) {
                case 414 -> new String[] {"request.uri_too_long", "The request line is longer than the limit."};
                case 431 ->
                    new String[] {"request.headers_too_large", "The request headers are larger than the limit."};
                default -> new String[] {"request.http_version", "Only HTTP/1.0 and HTTP/1.1 are served here."};
            };
            byte[] body = ("{\"error\":{\"code\":\"" + error[0] + "\",\"message\":\"" + error[1]
                            + "\",\"details\":{},\"retryable\":false,\"retry_after_seconds\":null}}")
                    .getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, "close");
            SecurityHeadersFilter.API_HEADERS.forEach(
                    (name, value) -> response.headers().set(name, value));
            // A lingering close: stop sending, keep reading (and dropping) what the client still sends for a moment,
            // then close. Closing at once with unread input makes the kernel reset the connection, and a client
            // still writing its request then loses the answer (seen in CI with an over-long POST).
            ctx.writeAndFlush(response).addListener(f -> {
                if (ctx.channel() instanceof DuplexChannel duplex) {
                    var unused = duplex.shutdownOutput();
                }
                var unusedTimer = ctx.executor()
                        .schedule(
                                () -> {
                                    var unusedClose = ctx.close();
                                },
                                2,
                                TimeUnit.SECONDS);
            });
        }

        private void arm(ChannelHandlerContext ctx) {
            disarm();
            timer = ctx.executor()
                    .schedule(
                            () -> {
                                var unused = ctx.close();
                            },
                            timeoutMillis,
                            TimeUnit.MILLISECONDS);
        }

        private void disarm() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
