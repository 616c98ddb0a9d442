package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.consultaion.domain.json.JsonReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Object-level access, mass assignment, validation and hostile input, through real HTTP. */
class AccessAndInputTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    private String debateOf(TestService.User user) {
        HttpResponse<String> created =
                http.post("/debates", "{\"prompt\": \"Should we rewrite the billing system?\"}", user.bearer());
        assertThat(created.statusCode()).isEqualTo(201);
        return TestService.field(created.body(), "id");
    }

    @Test
    void aBooleanSentAsAStringOrANumberIs422NotGuessed() {
        TestService.User erin = service.newUser();
        for (String bad : List.of("\"yes\"", "\"true\"", "1", "\"\"")) {
            HttpResponse<String> r = http.send(http.request("/me/profile", erin.bearer())
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"email_summaries_enabled\": " + bad + "}"))
                    .build());
            assertThat(r.statusCode()).as(bad + ": " + r.body()).isIn(400, 422);
        }
        assertThat(TestHttp.json(http.get("/me", erin.bearer()).body())
                        .get("email_summaries_enabled")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void anotherUsersDebateIsNotFoundOnEveryRouteAndNeverListed() {
        TestService.User alice = service.newUser();
        TestService.User bob = service.newUser();
        String id = debateOf(alice);

        for (HttpResponse<String> r : List.of(
                http.get("/debates/" + id, bob.bearer()),
                http.get("/debates/" + id + "/events", bob.bearer()),
                http.post("/debates/" + id + "/cancel", "", bob.bearer()),
                http.post("/debates/" + id + "/retry", "", bob.bearer()))) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(TestHttp.errorCode(r.body())).isEqualTo("debate.not_found");
            assertThat(r.body()).doesNotContain("Should we rewrite");
        }
        assertThat(http.get("/debates", bob.bearer()).body()).doesNotContain(id);
        assertThat(TestHttp.total(http.get("/debates", bob.bearer()).body())).isZero();
        assertThat(http.get("/debates?status=all", bob.bearer()).statusCode()).isEqualTo(422);
        assertThat(http.get("/debates/" + id, alice.bearer()).statusCode()).isEqualTo(200);
        assertThat(http.get("/debates/not-a-uuid", alice.bearer()).statusCode()).isEqualTo(404);
        assertThat(http.get("/debates/" + UUID.randomUUID(), alice.bearer()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void registeringGrantsNoAdminAndTheOperatorsGrantOnTheExistingAccountSeesEveryonesDebates() {
        TestService.User alice = service.newUser();
        String id = debateOf(alice);
        HttpResponse<String> registered = http.post(
                "/auth/register", TestService.json("email", TestService.ADMIN_EMAIL, "password", TestService.PASSWORD));
        // whoever registers an address first claims nothing by it
        assertThat(TestHttp.field(registered.body(), "role")).isEqualTo("user");
        assertThat(TestHttp.json(registered.body()).findValue("is_admin").asBoolean())
                .isFalse();
        service.grantAdmin(TestService.ADMIN_EMAIL);
        String token = TestService.field(
                http.post(
                                "/auth/login",
                                TestService.json("email", TestService.ADMIN_EMAIL, "password", TestService.PASSWORD))
                        .body(),
                "access_token");

        assertThat(http.get("/debates/" + id, "Authorization", "Bearer " + token)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get("/debates?status=all&limit=200", "Authorization", "Bearer " + token)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get("/debates?status=all", alice.bearer()).statusCode()).isEqualTo(422);
    }

    @Test
    void fieldsAClientMayNotSetOrThatDoNotExistAre422NamingThemAndChangeNothing() {
        TestService.User alice = service.newUser();
        String someoneElse = UUID.randomUUID().toString();

        HttpResponse<String> created = http.post(
                "/debates",
                "{\"prompt\": \"Which CI system should we use?\", " + "\"user_id\": \"" + someoneElse
                        + "\", \"status\": \"completed\"}",
                alice.bearer());
        HttpResponse<String> profile = http.send(http.request("/me/profile", alice.bearer())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"display_name\": \"Alice\", \"is_admin\": true}"))
                .build());
        HttpResponse<String> typo =
                http.post("/debates", "{\"prompt\": \"Which CI system should we use?\", \"foo\": 1}", alice.bearer());
        HttpResponse<String> nested = http.post(
                "/debates",
                "{\"prompt\": \"Which CI system should we use?\", \"config\": {\"routing\": {\"policy\": \"x\"},"
                        + " \"agents\": [{\"name\": \"A\", \"modle\": \"local\"}, {\"name\": \"B\"}],"
                        + " \"budget\": {\"max_tokens\": 60000, \"tokens\": 1}}}",
                alice.bearer());

        assertThat(created.statusCode()).isEqualTo(422);
        assertThat(TestHttp.fieldErrors(created.body())).containsAnyOf("user_id:field.unknown", "status:field.unknown");
        assertThat(profile.statusCode()).isEqualTo(422);
        assertThat(TestHttp.fieldErrors(profile.body())).anyMatch(e -> e.startsWith("is_admin:"));
        assertThat(typo.statusCode()).isEqualTo(422);
        assertThat(TestHttp.fieldErrors(typo.body())).contains("foo:field.unknown");
        assertThat(nested.statusCode()).isEqualTo(422);
        assertThat(TestHttp.fieldErrors(nested.body()))
                .contains(
                        "config.routing:field.unknown",
                        "config.agents[0].modle:field.unknown",
                        "config.budget.tokens:field.unknown");
        String me = http.get("/me", alice.bearer()).body();
        assertThat(TestHttp.field(me, "role")).isEqualTo("user");
        assertThat(TestHttp.json(me).findValuesAsText("display_name")).doesNotContain("Alice");
        assertThat(TestHttp.total(http.get("/debates", alice.bearer()).body())).isZero();
    }

    @Test
    void invalidInputIs422ListingEveryBadField() {
        TestService.User alice = service.newUser();

        HttpResponse<String> response = http.post(
                "/debates",
                "{\"prompt\": \"short\", \"mode\": \"chaos\", "
                        + "\"config\": {\"agents\": [{\"name\": \"\"}], \"rounds\": 7, \"judges\": [{\"name\": \"J\", "
                        + "\"model\": \"gpt-none\"}]}}",
                alice.bearer());

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestHttp.errorCode(response.body())).isEqualTo("validation.failed");
        assertThat(TestHttp.fieldErrors(response.body()).stream().map(e -> e.substring(0, e.lastIndexOf(':'))))
                .contains("prompt", "mode", "config.agents[0].name");
        assertThat(http.get("/debates?limit=500", alice.bearer()).statusCode()).isEqualTo(422);
        assertThat(http.get("/debates?limit=abc", alice.bearer()).statusCode()).isEqualTo(422);
        assertThat(http.get("/debates?offset=-1", alice.bearer()).statusCode()).isEqualTo(422);
        HttpResponse<String> badModel = http.post(
                "/debates",
                "{\"prompt\": \"Which model should we use for this?\", \"model_id\": \"gpt-x\"}",
                alice.bearer());
        assertThat(badModel.statusCode()).isEqualTo(422);
        assertThat(badModel.body()).contains("model_id");
    }

    @Test
    void malformedJsonIs400AndAnOversizedBodyIs413InTheErrorShape() {
        TestService.User alice = service.newUser();

        HttpResponse<String> malformed = http.post("/debates", "{\"prompt\": ", alice.bearer());
        HttpResponse<String> oversized =
                http.post("/debates", "{\"prompt\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}", alice.bearer());

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).startsWith("{\"error\":{\"code\":\"request.malformed\"");
        assertThat(oversized.statusCode()).isEqualTo(413);
        assertThat(TestHttp.errorCode(oversized.body())).isEqualTo("request.too_large");
    }

    @Test
    void anUnknownRouteIsA404InTheErrorShapeForASignedInUser() {
        TestService.User alice = service.newUser();

        HttpResponse<String> response = http.get("/no/such/route", alice.bearer());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body())
                .isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"Nothing exists at "
                        + "this address.\",\"details\":{},\"retryable\":false,\"retry_after_seconds\":null}}");
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigins() {
        Function<String, HttpResponse<String>> preflight = origin -> http.send(http.request("/debates")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-csrf-token")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());

        HttpResponse<String> allowed = preflight.apply("http://localhost:3000");
        HttpResponse<String> evil = preflight.apply("https://evil.example");

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials"))
                .hasValue("true");
        assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> refused = http.get("/healthz", "Origin", "https://evil.example");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        // The CORS refusal has the one error shape too (it had no body at all).
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(TestHttp.errorCode(refused.body())).isEqualTo("cors.origin_denied");
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        HttpResponse<String> response = http.get("/healthz");

        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        v -> assertThat(v).contains("default-src 'none'").contains("frame-ancestors 'none'"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(http.get("/healthz", "X-Forwarded-Proto", "https").headers().firstValue("Strict-Transport-Security"))
                .isPresent();
    }

    @Test
    void garbageSentToEveryEndpointNeverCausesA500() {
        TestService.User alice = service.newUser();
        String id = debateOf(alice);
        List<String[]> routes = List.of(
                new String[] {"POST", "/auth/register"}, new String[] {"POST", "/auth/login"},
                new String[] {"POST", "/auth/refresh"}, new String[] {"POST", "/debates"},
                new String[] {"PUT", "/me/profile"}, new String[] {"POST", "/keys"},
                new String[] {"POST", "/debates/" + id + "/cancel"}, new String[] {"GET", "/debates?q=%00%27%22"});
        SplittableRandom random = new SplittableRandom(2026);
        List<String> bodies = new ArrayList<>(List.of(
                "",
                "null",
                "[]",
                "{}",
                "\"x\"",
                "1e309",
                "{\"prompt\": null}",
                "{\"prompt\": \"nul \\u0000 inside a long enough prompt\"}",
                "{\"email\": \"a\\u0000b@example.com\", \"password\": \"x\"}",
                "{\"prompt\": 12}",
                "{\"config\": \"x\"}",
                "{\"config\": {\"agents\": 3}}",
                "{\"email\": [], \"password\": {}}",
                "{\"name\": \"" + "x".repeat(10_000) + "\"}",
                "{\"a\":" + "[".repeat(5000)));
        for (int i = 0; i < 40; i++) {
            byte[] noise = new byte[random.nextInt(1, 300)];
            random.nextBytes(noise);
            bodies.add(new String(noise, StandardCharsets.ISO_8859_1));
        }
        for (String[] route : routes) {
            for (String body : bodies) {
                HttpResponse<String> r = http.send(http.request(route[1], alice.bearer())
                        .header("Content-Type", "application/json")
                        .method(route[0], HttpRequest.BodyPublishers.ofString(body))
                        .build());
                assertThat(r.statusCode())
                        .as(route[0] + " " + route[1] + " with " + body.length() + " chars")
                        .isLessThan(500);
                assertThat(r.body())
                        .doesNotContain("Exception")
                        .doesNotContain("at com.")
                        .doesNotContain("SQL");
            }
        }
    }

    @Test
    void aBudgetThatCannotCoverTheFirstStageIsRefusedAtStartWithTheEstimate() {
        TestService.User alice = service.newUser();

        HttpResponse<String> refused = http.post(
                "/debates",
                "{\"prompt\": \"Should our team adopt a four-day week?\", \"config\": {\"budget\": {\"max_tokens\": 1000}}}",
                alice.bearer());

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(TestHttp.fieldErrors(refused.body())).contains("config.budget.max_tokens:budget.below_first_stage");
        assertThat(refused.body()).containsPattern("the first stage \\(draft\\) needs about \\d+ tokens");
        assertThat(TestHttp.total(http.get("/debates", alice.bearer()).body())).isZero();
    }

    private static Object prompt(String json) {
        return ((Map<?, ?>) JsonReader.read(json)).get("prompt");
    }

    private HttpResponse<String> postBytes(String path, byte[] body, TestService.User user) {
        return http.send(http.request(path, user.bearer())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    private static byte[] promptWith(byte[] middle) {
        byte[] head = "{\"prompt\": \"Should we adopt this plan: ".getBytes(StandardCharsets.UTF_8);
        byte[] tail = " now?\"}".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }

    @Test
    void invalidTextIsRefusedAndValidTextIsStoredExactlyAsSent() {
        TestService.User alice = service.newUser();
        byte[] overlong = {(byte) 0xC0, (byte) 0xAF}; // "/" in two bytes
        byte[] cesu = {(byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xED, (byte) 0xB0, (byte) 0x80}; // U+10000
        byte[] stray = {(byte) 0xFF};

        for (byte[] bad : List.of(overlong, cesu, stray)) {
            HttpResponse<String> refused = postBytes("/debates", promptWith(bad), alice);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(TestHttp.errorCode(refused.body())).isEqualTo("request.invalid_utf8");
        }
        HttpResponse<String> lone =
                http.post("/debates", "{\"prompt\": \"Should we adopt this plan \\ud800 now?\"}", alice.bearer());
        assertThat(lone.statusCode()).isEqualTo(400);
        assertThat(TestHttp.errorCode(lone.body())).isEqualTo("request.invalid_unicode");
        HttpResponse<String> loneLow = http.post("/teams", "{\"name\": \"x\\udc00y\"}", alice.bearer());
        assertThat(loneLow.statusCode()).isEqualTo(400);
        assertThat(TestHttp.total(http.get("/debates", alice.bearer()).body())).isZero();

        String emoji = "plan \uD83D\uDE00 caf\u00e9 \u4e2d\u6587";
        HttpResponse<String> created = postBytes("/debates", promptWith(emoji.getBytes(StandardCharsets.UTF_8)), alice);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = TestService.field(created.body(), "id");
        assertThat(prompt(http.get("/debates/" + id, alice.bearer()).body()))
                .isEqualTo("Should we adopt this plan: " + emoji + " now?");
        HttpResponse<String> paired =
                http.post("/debates", "{\"prompt\": \"Should we adopt the \\ud83d\\ude00 plan now?\"}", alice.bearer());
        assertThat(paired.statusCode()).isEqualTo(201);
        assertThat(prompt(paired.body())).isEqualTo("Should we adopt the \uD83D\uDE00 plan now?");
    }

    @Test
    void everyUnknownTopLevelFieldIsNamed() {
        TestService.User alice = service.newUser();

        HttpResponse<String> typo = http.post(
                "/debates",
                "{\"prompt\": \"Which CI system should we use?\", \"promt\": 1, \"mdoe\": \"debate\"}",
                alice.bearer());

        assertThat(typo.statusCode()).isEqualTo(422);
        assertThat(TestHttp.fieldErrors(typo.body())).contains("promt:field.unknown", "mdoe:field.unknown");
    }
}
