package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit trail for operators: who may read it, what a search finds, and its exports. */
class AuditApiTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    @Test
    void onlyAdminsMayReadOrExportIt() {
        TestService.User user = service.newUser();
        for (String route : List.of("/admin/audit", "/admin/audit/export", "/admin/audit/export?format=json")) {
            assertThat(http.get(route).statusCode()).as(route).isEqualTo(401);
            assertThat(http.get(route, user.bearer()).statusCode()).as(route).isEqualTo(403);
        }
    }

    @Test
    void anAdminFindsAUsersActionsByActorAndTargetAndExportsThem() {
        String[] admin = service.otherAdmin();
        TestService.User hana = service.newUser();
        http.post("/keys", "{\"name\": \"=HYPERLINK(\\\"http://evil\\\")\"}", hana.bearer());

        JsonNode mine =
                TestHttp.json(http.get("/admin/audit?actor=" + hana.id(), admin).body());
        assertThat(mine.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(mine.get("items").get(0).get("action").asText()).isEqualTo("api_key_created");
        assertThat(mine.get("items").get(0).get("actor").asText()).isEqualTo(hana.id());

        http.post("/admin/users/" + hana.id() + "/disable", "{}", admin);
        JsonNode onHer = TestHttp.json(
                http.get("/admin/audit?target_type=user&target_id=" + hana.id() + "&action=user_disabled", admin)
                        .body());
        assertThat(onHer.get("total").asLong()).isEqualTo(1);

        HttpResponse<String> csv = http.get("/admin/audit/export?actor=" + hana.id(), admin);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment; filename=\"audit-"));
        assertThat(csv.body())
                .startsWith("at,actor,action,target_type,target_id,ip,request_id,detail\r\n")
                .contains("\"api_key_created\"");
        HttpResponse<String> json = http.get("/admin/audit/export?format=json&actor=" + hana.id(), admin);
        assertThat(TestHttp.json(json.body()).get("items").size())
                .isEqualTo((int) mine.get("total").asLong());
        // The export is itself on the record.
        String adminId = TestService.field(http.get("/me", admin).body(), "id");
        assertThat(TestHttp.json(http.get("/admin/audit?action=audit_exported&actor=" + adminId, admin)
                                .body())
                        .get("total")
                        .asLong())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void badCriteriaAre422() {
        String[] admin = service.otherAdmin();
        for (String bad : List.of("actor=nobody", "from=soon", "limit=0", "limit=1001", "offset=-1")) {
            assertThat(http.get("/admin/audit?" + bad, admin).statusCode())
                    .as(bad)
                    .isEqualTo(422);
        }
        assertThat(http.get("/admin/audit/export?format=xml", admin).statusCode())
                .isEqualTo(422);
    }
}
