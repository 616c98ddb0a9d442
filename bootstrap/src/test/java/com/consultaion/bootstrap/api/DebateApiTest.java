package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A debate through the HTTP API, end to end: create, follow, read, list, cancel. */
class DebateApiTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    @Test
    void aSignedInUserRunsADebateThroughTheApi() {
        TestService.User alice = service.newUser();

        HttpResponse<String> created = http.post(
                "/debates",
                "{\"prompt\": \"Should a small bakery open a second shop?\", \"config\": {\"rounds\": 1}}",
                alice.bearer());

        assertThat(created.statusCode()).isEqualTo(201);
        String id = TestService.field(created.body(), "id");
        assertThat(created.headers().firstValue("Location")).hasValue("/debates/" + id);
        assertThat(created.body()).contains("\"status\":\"queued\"").contains("\"user_id\":\"" + alice.id() + "\"");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> http.get("/debates/" + id, alice.bearer()).body().contains("\"status\":\"completed\""));
        HttpResponse<String> done = http.get("/debates/" + id, alice.bearer());
        assertThat(done.body()).contains("\"final_content\":\"Summary:").contains("\"ranking\":[");
        HttpResponse<String> events = http.get("/debates/" + id + "/events?after=0", alice.bearer());
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body())
                .startsWith("{\"items\":[{\"type\":\"debate_created\",\"debate_id\":\"" + id + "\",\"seq\":1,")
                .contains("\"type\":\"final\"");
        HttpResponse<String> list = http.get("/debates?limit=5", alice.bearer());
        assertThat(list.body()).contains("\"id\":\"" + id + "\"").contains("\"total\":1");
    }

    @Test
    void aQueuedOrRunningDebateCanBeCancelledByItsOwner() {
        TestService.User bob = service.newUser();
        String id = TestService.field(
                http.post("/debates", "{\"prompt\": \"How do we cut our cloud bill in half?\"}", bob.bearer())
                        .body(),
                "id");

        HttpResponse<String> cancelled = http.post("/debates/" + id + "/cancel", "", bob.bearer());

        assertThat(cancelled.statusCode()).isIn(202, 409);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            String body = http.get("/debates/" + id, bob.bearer()).body();
            return body.contains("\"status\":\"cancelled\"") || body.contains("\"status\":\"completed\"");
        });
    }
}
