package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.consultaion.bootstrap.TestHttp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Attacks the logs: after a session with known secrets (password, tokens, API key, a forged token) and a known
 * prompt, no log line, context value or stack trace contains any of them; request lines carry the user's id.
 */
class LogLeakTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void capture() {
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
    }

    private static String text(ILoggingEvent e) {
        return e.getFormattedMessage() + " " + e.getMDCPropertyMap()
                + (e.getThrowableProxy() == null ? "" : " " + ThrowableProxyUtil.asString(e.getThrowableProxy()));
    }

    @Test
    void secretsAndPromptsNeverReachTheLogs() {
        String marker = Long.toString(System.nanoTime());
        String email = "leak-" + UUID.randomUUID() + "@example.com";
        String password = "Secret-Pass-" + marker;
        String wrongPassword = "Wrong-Pass-" + marker;
        String prompt = "Marker prompt " + marker + " about municipal composting?";
        String forged = "forged.token." + marker;

        String account = TestService.json("email", email, "password", password);
        String userId = TestService.field(http.post("/auth/register", account).body(), "id");
        String login = http.post("/auth/login", account).body();
        String access = TestService.field(login, "access_token");
        String refresh = TestService.field(login, "refresh_token");
        String[] bearer = {"Authorization", "Bearer " + access};
        http.post("/auth/login", TestService.json("email", email, "password", wrongPassword));
        String key = TestService.field(
                http.post("/keys", "{\"name\": \"leak-test\"}", bearer).body(), "key");
        String debateId = service.finishedDebate(new TestService.User(email, access, refresh, userId), prompt);
        http.get("/me", "X-API-Key", key);
        http.get("/me", "Authorization", "Bearer " + forged);
        http.post("/debates", "{\"prompt\": \"" + prompt + "\", \"config\": {\"agents\": \"broken\"}}", bearer);

        List<String> lines = captured.list.stream().map(LogLeakTest::text).toList();
        assertThat(lines).isNotEmpty();
        for (String secret : List.of(password, wrongPassword, access, refresh, key, forged, marker)) {
            assertThat(lines).noneMatch(l -> l.contains(secret));
        }
        assertThat(lines).noneMatch(l -> l.contains(email));
        // The worker's lines name the debate they are about.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> List.copyOf(captured.list).stream()
                        .anyMatch(e -> e.getFormattedMessage().startsWith("debate " + debateId + " ended")));
        assertThat(List.copyOf(captured.list))
                .filteredOn(e -> e.getFormattedMessage().startsWith("debate " + debateId + " ended"))
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("debate_id", debateId));
        // Request lines of an authenticated call carry the caller's id, and only the id.
        assertThat(captured.list)
                .filteredOn(e -> e.getLoggerName().equals("consultaion.access")
                        && e.getFormattedMessage().startsWith("GET /me "))
                .anySatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("user_id", userId));
    }

    @Test
    void aProfileFieldBeyondItsColumnIs422AndNothingAboutTheAccountIsLogged() {
        TestService.User alice = service.newUser();
        String tooLong = "Europe/" + "x".repeat(58);
        for (String zone : List.of(tooLong, "Mars/Olympus_Mons", "GMT+5")) {
            HttpResponse<String> response = http.send(http.request("/me/profile", alice.bearer())
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"timezone\": \"" + zone + "\"}"))
                    .build());
            assertThat(response.statusCode()).as(zone).isEqualTo(422);
            assertThat(response.body()).contains("\"field\":\"timezone\"");
        }
        HttpResponse<String> ok = http.send(http.request("/me/profile", alice.bearer())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"timezone\": \"America/Argentina/Buenos_Aires\"}"))
                .build());
        assertThat(ok.statusCode()).isEqualTo(200);
        List<String> lines = captured.list.stream().map(LogLeakTest::text).toList();
        assertThat(lines).noneMatch(l -> l.contains(alice.email()) || l.contains(tooLong) || l.contains("pbkdf2"));
    }

    /** Should a store ever break a constraint, neither the row's values nor the statement reach the exception. */
    @Test
    void aConstraintErrorOfTheDatabaseCarriesNoRowValuesNorTheStatement() {
        TestService.User alice = service.newUser();
        String marker = "zone-" + UUID.randomUUID() + "-" + "y".repeat(40);
        Jdbi jdbi = service.context.getBean(Jdbi.class);

        Throwable thrown = Assertions.catchThrowable(() ->
                jdbi.useHandle(h -> h.createUpdate("UPDATE users SET timezone = :zone WHERE id = :id")
                        .bind("zone", marker)
                        .bind("id", UUID.fromString(alice.id()))
                        .execute()));

        assertThat(thrown).isNotNull();
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString())
                .contains("users_timezone_check")
                .doesNotContain(marker)
                .doesNotContain(alice.email())
                .doesNotContain("pbkdf2")
                .doesNotContain("UPDATE users");
    }
}
