package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code GET /me/export}: everything held about the caller, and nothing about anyone else. */
class PersonalDataApiTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void theExportHoldsTheAccountDebatesWithEventsTeamsKeysUsageAndAuditAndNoSecret() {
        TestService.User alice = service.newUser();
        HttpResponse<String> key = http.post("/keys", "{\"name\": \"laptop\"}", alice.bearer());
        String secret = TestHttp.field(key.body(), "key");
        assertThat(http.post("/teams", "{\"name\": \"Bakers\"}", alice.bearer()).statusCode())
                .isEqualTo(201);
        String id = TestHttp.field(
                http.post("/debates", "{\"prompt\": \"Should the bakery open on Sundays?\"}", alice.bearer())
                        .body(),
                "id");
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> "completed"
                        .equals(TestHttp.field(
                                http.get("/debates/" + id, alice.bearer()).body(), "status")));

        HttpResponse<String> exported = http.get("/me/export", alice.bearer());
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment; filename=\"consultaion-data-"));
        JsonNode doc = TestHttp.json(exported.body());
        assertThat(doc.get("format").asInt()).isEqualTo(1);
        assertThat(doc.get("account").get("email").asText()).isEqualTo(alice.email());
        assertThat(doc.get("plan").asText()).isEqualTo("free");
        assertThat(doc.get("debates")).hasSize(1);
        JsonNode debate = doc.get("debates").get(0);
        assertThat(debate.get("debate").get("prompt").asText()).isEqualTo("Should the bakery open on Sundays?");
        List<String> types = texts(debate.get("events"), "type");
        assertThat(types)
                .startsWith("debate_created")
                .contains("message", "score", "ranking")
                .endsWith("final");
        assertThat(doc.get("debates_truncated").asBoolean()).isFalse();
        assertThat(texts(doc.get("teams"), "name")).containsExactly("Bakers");
        assertThat(texts(doc.get("teams"), "role")).containsExactly("owner");
        assertThat(texts(doc.get("api_keys"), "name")).containsExactly("laptop");
        assertThat(doc.get("usage_this_month")).isNotEmpty();
        assertThat(texts(doc.get("audit"), "action")).contains("api_key_created", "debate_created");
        // Metadata only: never the key, its hash, or the password's hash.
        assertThat(exported.body()).doesNotContain(secret, "hash", "pbkdf2");

        // The export itself is audited: the next one shows it.
        JsonNode again = TestHttp.json(http.get("/me/export", alice.bearer()).body());
        assertThat(texts(again.get("audit"), "action")).contains("personal_data_exported");
    }

    @Test
    void anotherUsersExportHoldsNothingOfAlicesAndAnonymousCallersAre401() {
        TestService.User alice = service.newUser();
        String id = TestHttp.field(
                http.post("/debates", "{\"prompt\": \"Is a four-day week good for bakers?\"}", alice.bearer())
                        .body(),
                "id");
        TestService.User bob = service.newUser();
        HttpResponse<String> bobs = http.get("/me/export", bob.bearer());
        assertThat(bobs.statusCode()).isEqualTo(200);
        assertThat(bobs.body()).doesNotContain(id, alice.email(), alice.id(), "four-day week");
        assertThat(TestHttp.json(bobs.body()).get("debates")).isEmpty();
        assertThat(http.get("/me/export").statusCode()).isEqualTo(401);
    }

    @Test
    void thePrivacySettingIsKeptShownExportedAuditedAndCheckedStrictly() {
        TestService.User dana = service.newUser();
        assertThat(TestHttp.json(http.get("/me", dana.bearer()).body())
                        .get("analytics_opt_out")
                        .asBoolean())
                .isFalse();
        HttpResponse<String> set = http.post("/me/privacy", "{\"analytics_opt_out\": true}", dana.bearer());
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(set.body()).get("analytics_opt_out").asBoolean())
                .isTrue();
        assertThat(TestHttp.json(http.get("/me/profile", dana.bearer()).body())
                        .get("analytics_opt_out")
                        .asBoolean())
                .isTrue();
        JsonNode doc = TestHttp.json(http.get("/me/export", dana.bearer()).body());
        assertThat(doc.get("account").get("analytics_opt_out").asBoolean()).isTrue();
        assertThat(texts(doc.get("audit"), "action")).contains("privacy_settings_update");
        // A profile update keeps it.
        assertThat(http.send(http.request("/me/profile", dana.bearer())
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"bio\": \"baker\"}"))
                                .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(TestHttp.json(http.get("/me", dana.bearer()).body())
                        .get("analytics_opt_out")
                        .asBoolean())
                .isTrue();
        // Nothing is taken for granted: a missing, mistyped or unknown field is 422 and changes nothing.
        for (String bad :
                List.of("{}", "{\"analytics_opt_out\": \"yes\"}", "{\"analytics_opt_out\": false, \"x\": 1}")) {
            HttpResponse<String> refused = http.post("/me/privacy", bad, dana.bearer());
            assertThat(refused.statusCode()).as(bad).isIn(400, 422);
        }
        assertThat(TestHttp.json(http.get("/me", dana.bearer()).body())
                        .get("analytics_opt_out")
                        .asBoolean())
                .isTrue();
        assertThat(http.post("/me/privacy", "{\"analytics_opt_out\": true}").statusCode())
                .isEqualTo(401);
    }

    private static long spent(HttpResponse<String> r) {
        return Long.parseLong(r.headers().firstValue("RateLimit-Limit").orElseThrow())
                - Long.parseLong(r.headers().firstValue("RateLimit-Remaining").orElseThrow());
    }

    @Test
    void anExportCostsWhatStartingADebateCosts() {
        TestService.User carol = service.newUser();
        HttpResponse<String> read = http.get("/me", carol.bearer());
        HttpResponse<String> export = http.get("/me/export", carol.bearer());
        // The suite's bucket refills within milliseconds, so each answer shows its own charge from a full bucket.
        assertThat(spent(read)).isEqualTo(1);
        assertThat(spent(export)).isEqualTo(10); // the debate cost
    }
}
