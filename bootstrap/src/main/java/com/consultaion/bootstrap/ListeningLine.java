package com.consultaion.bootstrap;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The line a person starting the service looks for: where it listens and where the API's description is. */
@Singleton
final class ListeningLine implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        EmbeddedServer server = event.getSource();
        String base = server.getScheme() + "://" + server.getHost() + ":" + server.getPort();
        LOG.info("listening on {} (Swagger UI: {}/swagger-ui/index.html)", base, base);
    }
}
