package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        JsonNode debate = TestHttp.json(created.body());
        String id = debate.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/debates/" + id);
        assertThat(debate.get("status").asText()).isEqualTo("queued");
        assertThat(debate.get("user_id").asText()).isEqualTo(alice.id());
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "completed"
                        .equals(TestHttp.json(http.get("/debates/" + id, alice.bearer())
                                        .body())
                                .get("status")
                                .asText()));
        JsonNode done = TestHttp.json(http.get("/debates/" + id, alice.bearer()).body());
        assertThat(done.get("final_content").asText()).startsWith("Summary:");
        assertThat(done.findValue("ranking").isArray()).isTrue();
        HttpResponse<String> events = http.get("/debates/" + id + "/events?after=0", alice.bearer());
        assertThat(events.statusCode()).isEqualTo(200);
        JsonNode items = TestHttp.json(events.body()).get("items");
        assertThat(items.get(0).get("type").asText()).isEqualTo("debate_created");
        assertThat(items.get(0).get("debate_id").asText()).isEqualTo(id);
        assertThat(items.get(0).get("seq").asLong()).isEqualTo(1);
        assertThat(items.get(items.size() - 1).get("type").asText()).isEqualTo("final");
        JsonNode list =
                TestHttp.json(http.get("/debates?limit=5", alice.bearer()).body());
        assertThat(list.get("items").get(0).get("id").asText()).isEqualTo(id);
        assertThat(list.get("total").asLong()).isEqualTo(1);
    }

    /**
     * The start parses the request once, in the use case: a bad routing policy or an unknown model used to be
     * refused by the controller on its own, hiding every other bad field behind it.
     */
    @Test
    void aBadStartNamesEveryBadFieldAtOnceAndCreatesNothing() {
        TestService.User carol = service.newUser();

        HttpResponse<String> refused = http.post(
                "/debates",
                "{\"prompt\": \"short\", \"routing_policy\": \"router-fast\", \"mode\": \"chat\","
                        + " \"category\": \"no/slashes\", \"config\": {\"rounds\": 9}}",
                carol.bearer());

        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode error = TestHttp.json(refused.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("validation.failed");
        List<String> fields = new ArrayList<>();
        error.get("details")
                .get("fields")
                .forEach(f -> fields.add(f.get("field").asText()));
        assertThat(fields).contains("prompt", "routing_policy", "mode", "category");
        HttpResponse<String> unknownModel =
                http.post("/debates", "{\"prompt\": \"short\", \"model_id\": \"no-such-model\"}", carol.bearer());
        List<String> codes = new ArrayList<>();
        TestHttp.json(unknownModel.body())
                .get("error")
                .get("details")
                .get("fields")
                .forEach(f ->
                        codes.add(f.get("field").asText() + ":" + f.get("code").asText()));
        assertThat(codes).contains("model_id:model.unavailable", "prompt:prompt.too_short");
        assertThat(TestHttp.json(http.get("/debates", carol.bearer()).body())
                        .get("total")
                        .asLong())
                .isZero();
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
