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

/** Every mode is reachable through {@code mode} in POST /debates, and a parliament's panel is validated. */
class ModesApiTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    private String finished(TestService.User user, String body) {
        HttpResponse<String> created = http.post("/debates", body, user.bearer());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestService.field(created.body(), "id");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !http.get("/debates/" + id, user.bearer())
                        .body()
                        .matches("(?s).*\"status\":\"(queued|running)\".*"));
        return id;
    }

    @Test
    void aParliamentWithTheDefaultPanelDeliberatesAndFeedsTheLeaderboard() {
        TestService.User user = service.newUser();

        String id = finished(
                user,
                "{\"prompt\": \"Should our city replace its bus fleet with electric buses?\", \"mode\": \"parliament\","
                        + " \"category\": \"parliament-test\"}");

        JsonNode debate =
                TestHttp.json(http.get("/debates/" + id, user.bearer()).body());
        assertThat(debate.get("status").asText()).isEqualTo("completed");
        assertThat(debate.get("mode").asText()).isEqualTo("parliament");
        assertThat(debate.get("final_content").asText()).startsWith("Verdict:");
        JsonNode events = TestHttp.json(http.get("/debates/" + id + "/events?after=0&limit=100", user.bearer())
                        .body())
                .get("items");
        List<JsonNode> seats = new ArrayList<>();
        events.forEach(e -> {
            if (e.get("type").asText().equals("seat_message")) {
                seats.add(e);
            }
        });
        assertThat(seats).hasSize(9); // three seats, three phases
        assertThat(seats).extracting(e -> e.get("phase").asText()).contains("explore", "rebuttal", "converge");
        assertThat(seats).anyMatch(e -> e.get("structured").asBoolean());
        assertThat(events.findValuesAsText("type")).contains("score");
        for (String view : new String[] {"/report", "/timeline", "/judges", "/scores.csv"}) {
            HttpResponse<String> r = http.get("/debates/" + id + view, user.bearer());
            assertThat(r.statusCode()).as(view).isEqualTo(200);
        }
        assertThat(http.get("/debates/" + id + "/timeline", user.bearer()).body())
                .contains("seat_message");
        JsonNode members = TestHttp.json(
                http.get("/debates/" + id + "/members", user.bearer()).body());
        assertThat(members.findValuesAsText("id")).contains("optimist");
        assertThat(members.findValuesAsText("role")).contains("risk_officer");
        assertThat(members.findValuesAsText("name")).contains("Systems Architect");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> TestHttp.json(http.get("/leaderboard?category=parliament-test", user.bearer())
                                .body())
                        .findValuesAsText("persona")
                        .contains("Risk Officer"));
        assertThat(TestHttp.json(http.get("/leaderboard?category=parliament-test", user.bearer())
                                .body())
                        .findValuesAsText("persona"))
                .contains("Optimist", "Systems Architect");
    }

    @Test
    void aCustomPanelIsUsedSeatForSeat() {
        TestService.User user = service.newUser();
        String id = finished(
                user,
                "{\"prompt\": \"Should we rewrite our billing system in a new language?\", \"mode\": \"parliament\","
                        + " \"panel_config\": {\"seats\": ["
                        + "{\"seat_id\": \"sk\", \"display_name\": \"Doubter\", \"provider_key\": \"local\","
                        + " \"role_profile\": \"skeptic\", \"temperature\": 1.2},"
                        + "{\"seat_id\": \"ec\", \"display_name\": \"Bean Counter\", \"role_profile\": \"economist\"}],"
                        + " \"judged\": false}}");

        assertThat(TestHttp.field(http.get("/debates/" + id, user.bearer()).body(), "status"))
                .isEqualTo("completed");
        JsonNode events = TestHttp.json(http.get("/debates/" + id + "/events?after=0&limit=100", user.bearer())
                .body());
        assertThat(events.findValuesAsText("seat_name")).contains("Doubter");
        assertThat(events.findValuesAsText("seat_id")).contains("ec");
        assertThat(events.findValuesAsText("type")).doesNotContain("score");
    }

    @Test
    void aBadPanelIsRefusedWithEveryBadFieldNamed() {
        TestService.User user = service.newUser();

        HttpResponse<String> refused = http.post(
                "/debates",
                "{\"prompt\": \"Should we rewrite our billing system in a new language?\", \"mode\": \"parliament\","
                        + " \"panel_config\": {\"seats\": ["
                        + "{\"seat_id\": \"Bad Id\", \"display_name\": \"A\", \"role_profile\": \"optimist\","
                        + " \"temperature\": 2.5},"
                        + "{\"seat_id\": \"b\", \"display_name\": \"B\", \"provider_key\": \"Open AI!\","
                        + " \"role_profile\": \"jester\"}]}}",
                user.bearer());

        assertThat(refused.statusCode()).isEqualTo(422);
        List<String> refusedFields = fields(refused.body());
        assertThat(refusedFields)
                .contains(
                        "panel_config.seats[0].seat_id",
                        "panel_config.seats[0].temperature",
                        "panel_config.seats[1].provider_key");
        assertThat(refusedFields).containsOnlyOnce("panel_config.seats[1].role_profile");

        HttpResponse<String> badTolerance = http.post(
                "/debates",
                "{\"prompt\": \"Should we rewrite our billing system in a new language?\", \"mode\": \"parliament\","
                        + " \"panel_config\": {\"max_seat_fail_ratio\": 1.5, \"min_required_seats\": 9}}",
                user.bearer());
        assertThat(badTolerance.statusCode()).isEqualTo(422);
        assertThat(fields(badTolerance.body()))
                .contains("panel_config.max_seat_fail_ratio", "panel_config.min_required_seats");

        StringBuilder nine = new StringBuilder("{\"prompt\": \"Should we rewrite our billing system?\", \"mode\":"
                + " \"parliament\", \"panel_config\": {\"seats\": [");
        for (int i = 0; i < 9; i++) {
            nine.append(i == 0 ? "" : ",")
                    .append("{\"seat_id\": \"s")
                    .append(i)
                    .append("\", \"display_name\": \"Seat ")
                    .append(i)
                    .append("\", \"role_profile\": \"optimist\"}");
        }
        HttpResponse<String> tooMany = http.post("/debates", nine + "]}}", user.bearer());
        assertThat(tooMany.statusCode()).isEqualTo(422);
        assertThat(TestHttp.fieldErrors(tooMany.body())).anyMatch(e -> e.endsWith(":seats.count"));

        HttpResponse<String> wrongMode = http.post(
                "/debates",
                "{\"prompt\": \"Should we rewrite our billing system?\", \"mode\": \"conversation\","
                        + " \"panel_config\": {}}",
                user.bearer());
        assertThat(wrongMode.statusCode()).isEqualTo(422);
        assertThat(TestHttp.fieldErrors(wrongMode.body())).contains("panel_config:panel_config.mode");

        assertThat(TestHttp.total(http.get("/debates", user.bearer()).body())).isZero(); // nothing was created
    }

    @Test
    void aConversationTalksInRoundsWithSummaries() {
        TestService.User user = service.newUser();

        String id = finished(
                user,
                "{\"prompt\": \"How should a team of five share on-call duty fairly?\", \"mode\": \"conversation\","
                        + " \"config\": {\"conversation\": {\"rounds\": 2}}}");

        JsonNode debate =
                TestHttp.json(http.get("/debates/" + id, user.bearer()).body());
        assertThat(debate.get("status").asText()).isEqualTo("completed");
        assertThat(debate.get("mode").asText()).isEqualTo("conversation");
        assertThat(debate.get("final_content").asText()).startsWith("Synthesis:");
        JsonNode events = TestHttp.json(http.get("/debates/" + id + "/events?after=0&limit=100", user.bearer())
                .body());
        assertThat(events.findValuesAsText("type"))
                .filteredOn("conversation_summary"::equals)
                .hasSize(2);
        assertThat(events.findValuesAsText("role")).contains("delegate");
        assertThat(events.findValue("truncated").asBoolean()).isFalse();

        HttpResponse<String> badRounds = http.post(
                "/debates",
                "{\"prompt\": \"How should a team of five share on-call duty?\", \"mode\": \"conversation\","
                        + " \"config\": {\"conversation\": {\"rounds\": 9, \"max_total_tokens\": -1}}}",
                user.bearer());
        assertThat(badRounds.statusCode()).isEqualTo(422);
        assertThat(fields(badRounds.body()))
                .contains("config.conversation.rounds", "config.conversation.max_total_tokens");
    }

    private static List<String> fields(String body) {
        return TestHttp.fieldErrors(body).stream()
                .map(e -> e.substring(0, e.lastIndexOf(':')))
                .toList();
    }
}
