package com.consultaion.adapter.sse;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;

/**
 * Gives every HTTP/1 connection of the server the handler through which {@link ChannelOutlet} writes a stream's
 * frames, when the connection's pipeline is built and before any request is read (ADR 0011).
 */
@Singleton
final class StreamChannels implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new Connection(channel) : this;
            }
        });
        return registry;
    }

    private record Connection(Channel channel) implements NettyServerCustomizer {
        @Override
        public void onStreamPipelineBuilt() {
            ChannelOutlet.install(channel.pipeline(), ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND);
        }
    }
}
