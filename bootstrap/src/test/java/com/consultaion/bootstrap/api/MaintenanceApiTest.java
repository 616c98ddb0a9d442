package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The maintenance purge: admins only, a dry run by default, both runs on the record. */
class MaintenanceApiTest {

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    @Test
    void onlyAdminsMayPurgeAndTheDefaultIsADryRunAndBothAreAudited() {
        TestService.User user = service.newUser();
        assertThat(http.post("/admin/maintenance/purge?dry_run=false", "{}").statusCode())
                .isEqualTo(401);
        assertThat(http.post("/admin/maintenance/purge?dry_run=false", "{}", user.bearer())
                        .statusCode())
                .isEqualTo(403);
        String[] admin = service.otherAdmin();
        String adminId = TestService.field(http.get("/me", admin).body(), "id");

        HttpResponse<String> dry = http.post("/admin/maintenance/purge", "{}", admin);
        assertThat(dry.statusCode()).isEqualTo(200);
        JsonNode preview = TestHttp.json(dry.body());
        assertThat(preview.get("dry_run").asBoolean()).isTrue();
        assertThat(preview.get("debates_erased").asInt()).isZero(); // nothing was done
        assertThat(preview.get("debates_to_erase").asInt()).isZero(); // the suite's debates are all young

        JsonNode run = TestHttp.json(
                http.post("/admin/maintenance/purge?dry_run=false", "{}", admin).body());
        assertThat(run.get("dry_run").asBoolean()).isFalse();
        assertThat(run.get("debates_to_erase").asInt()).isZero();

        for (String action : new String[] {"retention_preview", "retention_purge"}) {
            assertThat(TestHttp.json(http.get("/admin/audit?action=" + action + "&actor=" + adminId, admin)
                                    .body())
                            .get("total")
                            .asLong())
                    .as(action)
                    .isGreaterThanOrEqualTo(1);
        }
        assertThat(http.post("/admin/maintenance/purge?dry_run=maybe", "{}", admin)
                        .statusCode())
                .isEqualTo(422);
    }
}
