package com.consultaion.bootstrap.api;

import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.bootstrap.TestHttp;
import com.consultaion.bootstrap.TestServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * One real service for the API tests of this JVM: embedded PostgreSQL, the local model, real HTTP on a random
 * loopback port. Tests isolate themselves by registering their own users. PBKDF2 runs with 10,000 iterations
 * here (600,000 in the service) so that the suite stays fast; the algorithm is the same.
 */
final class TestService {

    static final String PASSWORD = "correct-Horse-7";
    static final String ADMIN_EMAIL = "boss@example.com";
    /** A second admin, for tests that must not register {@link #ADMIN_EMAIL} (one test checks its registration). */
    static final String OTHER_ADMIN_EMAIL = "chief@example.com";

    private static TestService instance;

    final ApplicationContext context;
    final TestHttp http;

    private TestService(ApplicationContext context, TestHttp http) {
        this.context = context;
        this.http = http;
    }

    static synchronized TestService get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("consultaion-api-test");
                EmbeddedServer server = TestServers.start(
                        Map.of("consultaion.data-dir", dir.toString(), "consultaion.local-model.latency-ms", 20));
                instance = new TestService(server.getApplicationContext(), new TestHttp(server.getURI()));
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** A freshly registered and signed-in user. */
    record User(String email, String accessToken, String refreshToken, String id) {
        String[] bearer() {
            return new String[] {"Authorization", "Bearer " + accessToken};
        }
    }

    User newUser() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = http.post("/auth/register", json("email", email, "password", PASSWORD));
        if (registered.statusCode() != 201) {
            throw new IllegalStateException("register failed: " + registered.statusCode() + " " + registered.body());
        }
        HttpResponse<String> login = http.post("/auth/login", json("email", email, "password", PASSWORD));
        return new User(
                email,
                field(login.body(), "access_token"),
                field(login.body(), "refresh_token"),
                field(registered.body(), "id"));
    }

    /** The operator's grant (ADMIN_EMAILS at start-up does the same) on an existing account. */
    void grantAdmin(String account) {
        context.getBean(AccountUseCases.class).grantAdmin(account, "test: the operator's grant");
    }

    /** Signs in as {@link #OTHER_ADMIN_EMAIL} (registering it the first time); returns the bearer header. */
    String[] otherAdmin() {
        String body = json("email", OTHER_ADMIN_EMAIL, "password", PASSWORD);
        http.post("/auth/register", body);
        grantAdmin(OTHER_ADMIN_EMAIL);
        return new String[] {
            "Authorization", "Bearer " + field(http.post("/auth/login", body).body(), "access_token")
        };
    }

    /** Starts a debate as {@code user} and waits (at most 30 s) until it completed; returns its id. */
    String finishedDebate(User user, String prompt) {
        String id = field(
                http.post("/debates", "{\"prompt\": \"" + prompt + "\"}", user.bearer())
                        .body(),
                "id");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/debates/" + id, user.bearer()).body().contains("\"status\":\"completed\""));
        return id;
    }

    static String json(String... kv) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(kv[i])
                    .append("\":\"")
                    .append(kv[i + 1])
                    .append('"');
        }
        return sb.append('}').toString();
    }

    /** The first string value of {@code name} in a JSON text (enough for ids and tokens in tests). */
    static String field(String json, String name) {
        return TestHttp.field(json, name);
    }
}
