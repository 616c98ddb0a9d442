package com.consultaion.bootstrap;

import com.consultaion.application.port.in.AccountUseCases;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Real services for tests: a server with its own settings, and signed-in users on it. */
public final class TestServers {

    public static final String PASSWORD = "correct-Horse-7";

    private TestServers() {}

    /**
     * The service on a random loopback port, with an embedded PostgreSQL in a fresh directory, PBKDF2 at 10,000
     * iterations (fast; the same algorithm), and {@code overrides} on top.
     */
    public static EmbeddedServer start(Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("micronaut.server.port", -1);
        try {
            settings.put(
                    "consultaion.data-dir",
                    Files.createTempDirectory("consultaion-test").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        settings.put("consultaion.security.pbkdf2-iterations", 10_000);
        settings.putAll(overrides);
        return ApplicationContext.run(EmbeddedServer.class, settings);
    }

    /**
     * A fresh account, signed in; an admin when {@code admin} (the operator's grant, as ADMIN_EMAILS gives it).
     * Returns its bearer header.
     */
    public static String[] signIn(EmbeddedServer server, boolean admin) {
        TestHttp http = new TestHttp(server.getURI());
        String email = "user-" + UUID.randomUUID() + "@example.com";
        String credentials = "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}";
        http.post("/auth/register", credentials);
        if (admin) {
            server.getApplicationContext()
                    .getBean(AccountUseCases.class)
                    .grantAdmin(email, "test: the operator's grant");
        }
        String token = TestHttp.field(http.post("/auth/login", credentials).body(), "access_token");
        return new String[] {"Authorization", "Bearer " + token};
    }
}
