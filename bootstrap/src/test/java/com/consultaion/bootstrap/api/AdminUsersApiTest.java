package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Operators and accounts: who may, what a search finds, and what disabling and promoting do at once. */
class AdminUsersApiTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("id").asText()));
        return out;
    }

    @Test
    void onlyAdminsMayAndAnotherUsersIdIsNoKey() {
        TestService.User user = service.newUser();
        TestService.User other = service.newUser();
        for (String[] route : List.of(
                new String[] {"GET", "/admin/users"},
                new String[] {"GET", "/admin/users/" + other.id()},
                new String[] {"POST", "/admin/users/" + other.id() + "/disable"},
                new String[] {"POST", "/admin/users/" + other.id() + "/enable"},
                new String[] {"POST", "/admin/users/" + user.id() + "/admin"})) {
            HttpResponse<String> anonymous = route[0].equals("GET") ? http.get(route[1]) : http.post(route[1], "{}");
            assertThat(anonymous.statusCode()).as(route[1]).isEqualTo(401);
            HttpResponse<String> refused = route[0].equals("GET")
                    ? http.get(route[1], user.bearer())
                    : http.post(route[1], "{}", user.bearer());
            assertThat(refused.statusCode()).as(route[1]).isEqualTo(403);
        }
        // Still a plain user, and the other account untouched.
        assertThat(http.get("/me", user.bearer()).body()).contains("\"role\":\"user\"");
        assertThat(http.get("/me", other.bearer()).statusCode()).isEqualTo(200);
    }

    @Test
    void searchFiltersAndPagesAndHostileTextIsData() {
        String[] admin = service.otherAdmin();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String email = "ops-" + tag + "-" + i + "@example.com";
            String body = TestService.json("email", email, "password", TestService.PASSWORD);
            made.add(TestService.field(http.post("/auth/register", body).body(), "id"));
        }
        JsonNode page = TestHttp.json(
                http.get("/admin/users?q=OPS-" + tag + "&limit=2", admin).body());
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(ids(page)).containsExactly(made.get(2), made.get(1)); // newest first
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode rest = TestHttp.json(http.get("/admin/users?q=ops-" + tag + "&limit=2&offset=2", admin)
                .body());
        assertThat(ids(rest)).containsExactly(made.get(0));
        JsonNode oldest = TestHttp.json(http.get("/admin/users?q=ops-" + tag + "&sort=created_at&limit=1", admin)
                .body());
        assertThat(ids(oldest)).containsExactly(made.get(0));
        assertThat(TestHttp.json(http.get("/admin/users?q=ops-" + tag + "&role=admin", admin)
                                .body())
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(TestHttp.json(http.get("/admin/users?q=ops-" + tag + "&plan=free&status=active", admin)
                                .body())
                        .get("total")
                        .asLong())
                .isEqualTo(3);
        for (String hostile : List.of("%25", "_", "%27%20OR%201%3D1%20--", "%5C")) {
            assertThat(TestHttp.json(
                                    http.get("/admin/users?q=" + hostile, admin).body())
                            .get("total")
                            .asLong())
                    .as(hostile)
                    .isZero();
        }
        for (String bad : List.of(
                "role=root",
                "status=gone",
                "sort=email",
                "limit=0",
                "limit=201",
                "offset=-1",
                "created_from=yesterday")) {
            HttpResponse<String> refused = http.get("/admin/users?" + bad, admin);
            assertThat(refused.statusCode()).as(bad).isEqualTo(422);
        }
        assertThat(http.get("/admin/users/" + UUID.randomUUID(), admin).statusCode())
                .isEqualTo(404);
        assertThat(http.get("/admin/users/not-a-uuid", admin).statusCode()).isEqualTo(404);
    }

    @Test
    void aDisabledAccountsTokenAndKeyStopAtOnceAndWorkAgainWhenEnabledAndEverythingIsAudited() {
        String[] admin = service.otherAdmin();
        TestService.User frank = service.newUser();
        String key = TestHttp.field(
                http.post("/keys", "{\"name\": \"k\"}", frank.bearer()).body(), "key");
        String[] byKey = {"X-API-Key", key};

        JsonNode detail =
                TestHttp.json(http.get("/admin/users/" + frank.id(), admin).body());
        assertThat(detail.get("status").asText()).isEqualTo("active");
        assertThat(detail.get("plan").asText()).isEqualTo("free");
        assertThat(detail.get("quota").get("debates_this_month").asInt()).isZero();

        HttpResponse<String> disabled = http.post("/admin/users/" + frank.id() + "/disable", "{}", admin);
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(disabled.body()).get("is_active").asBoolean()).isFalse();
        assertThat(http.get("/me", frank.bearer()).statusCode()).isEqualTo(401);
        assertThat(http.get("/me", byKey).statusCode()).isEqualTo(401);
        assertThat(TestHttp.json(http.get("/admin/users/" + frank.id(), admin).body())
                        .get("status")
                        .asText())
                .isEqualTo("disabled");

        assertThat(http.post("/admin/users/" + frank.id() + "/enable", "{}", admin)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get("/me", frank.bearer()).statusCode()).isEqualTo(200);
        assertThat(http.get("/me", byKey).statusCode()).isEqualTo(200);

        // The original's form does the same, and takes only a JSON boolean.
        HttpResponse<String> viaStatus =
                http.post("/admin/users/" + frank.id() + "/status", "{\"is_active\": false}", admin);
        assertThat(viaStatus.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(viaStatus.body()).get("is_active").asBoolean()).isFalse();
        assertThat(http.get("/me", frank.bearer()).statusCode()).isEqualTo(401);
        for (String bad : List.of("{}", "{\"is_active\": \"yes\"}", "{\"is_active\": true, \"role\": \"admin\"}")) {
            assertThat(http.post("/admin/users/" + frank.id() + "/status", bad, admin)
                            .statusCode())
                    .as(bad)
                    .isEqualTo(422);
        }
        assertThat(http.post("/admin/users/" + frank.id() + "/status", "{\"is_active\": true}", admin)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get("/me", frank.bearer()).statusCode()).isEqualTo(200);

        // Frank sees what was done to his account in his own export.
        JsonNode export = TestHttp.json(http.get("/me/export", frank.bearer()).body());
        List<String> actions = new ArrayList<>();
        export.get("audit")
                .forEach(a -> actions.add(
                        a.get("action").asText() + ":" + a.get("by_you").asBoolean()));
        assertThat(actions).contains("user_disabled:false", "user_enabled:false");
    }

    @Test
    void anAdminCannotDisableThemselvesAndAPromotedUserIsAnAdminAtOnce() {
        String[] admin = service.otherAdmin();
        String adminId = TestService.field(http.get("/me", admin).body(), "id");
        HttpResponse<String> self = http.post("/admin/users/" + adminId + "/disable", "{}", admin);
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(http.get("/me", admin).statusCode()).isEqualTo(200);

        TestService.User gina = service.newUser();
        assertThat(http.get("/admin/ops/summary", gina.bearer()).statusCode()).isEqualTo(403);
        HttpResponse<String> promoted = http.post("/admin/users/" + gina.id() + "/admin", "{}", admin);
        assertThat(promoted.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(promoted.body()).get("role").asText()).isEqualTo("admin");
        assertThat(http.get("/admin/ops/summary", gina.bearer()).statusCode()).isEqualTo(200);
    }
}
