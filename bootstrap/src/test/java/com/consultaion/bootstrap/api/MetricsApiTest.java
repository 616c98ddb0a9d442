package com.consultaion.bootstrap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.consultaion.bootstrap.TestHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Prometheus metrics at /prometheus: admins only, the core's metrics present, label values bounded. */
class MetricsApiTest {

    private static final Pattern LABEL_VALUE = Pattern.compile("[a-z_]+=\"([^\"]*)\"");
    private static final Pattern UUID_LIKE =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final TestService service = TestService.get();
    private final TestHttp http = service.http;

    @Test
    void adminsScrapeTheCoreMetricsAndNobodyElseDoes() {
        TestService.User alice = service.newUser();
        String prompt = "Which metrics matter for a bakery? " + System.nanoTime();
        service.finishedDebate(alice, prompt);

        assertThat(http.get("/prometheus").statusCode()).isEqualTo(401);
        HttpResponse<String> refused = http.get("/prometheus", alice.bearer());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(TestHttp.errorCode(refused.body())).isEqualTo("permission.denied");

        HttpResponse<String> scraped = http.get("/prometheus", service.otherAdmin());
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body())
                .contains("consultaion_debates_started_total{mode=\"debate\"")
                .contains("consultaion_debates_finished_seconds_count{mode=\"debate\",status=\"completed\"")
                .contains("consultaion_stage_duration_seconds_count{stage=\"")
                .contains("consultaion_llm_calls_seconds_count{model=\"local\",outcome=\"ok\"")
                .contains("consultaion_llm_tokens_total{model=\"local\"")
                .contains("consultaion_sse_open_streams")
                .contains("hikaricp_connections_active")
                // The pool's wait is a histogram: its p99 can be read (Hikari alone gives count, sum, max).
                .containsPattern(
                        "hikaricp_connections_acquire_seconds_bucket\\{pool=\"consultaion\",le=\"[0-9.E-]+\"} \\d+")
                .contains("hikaricp_connections_acquire_seconds_bucket{pool=\"consultaion\",le=\"+Inf\"}")
                .contains("jvm_memory_used_bytes")
                .contains("http_server_requests_seconds_count");

        // Bounded label sets: no ids, e-mails or prompt text anywhere in a label value.
        List<String> values = new ArrayList<>();
        Matcher m = LABEL_VALUE.matcher(scraped.body());
        while (m.find()) {
            values.add(m.group(1));
        }
        assertThat(values).isNotEmpty();
        assertThat(values).noneMatch(v -> UUID_LIKE.matcher(v).find());
        assertThat(values).noneMatch(v -> v.contains("@"));
        assertThat(scraped.body()).doesNotContain(prompt).doesNotContain(alice.email());
    }

    @Test
    void adminsReadTheOpsSummaryOthersDoNot() {
        TestService.User alice = service.newUser();
        service.finishedDebate(alice, "What should the operators see first?");

        assertThat(http.get("/admin/ops/summary").statusCode()).isEqualTo(401);
        HttpResponse<String> refused = http.get("/admin/ops/summary", alice.bearer());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(TestHttp.errorCode(refused.body())).isEqualTo("permission.denied");

        HttpResponse<String> summary = http.get("/admin/ops/summary", service.otherAdmin());
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body())
                .contains("\"last_24h\":{\"since\":\"", "\"last_7d\":{", "\"debates_by_status\":{")
                .contains("\"completed\":", "\"active_users\":", "\"usage_by_model\":[{\"model_id\":\"local\"")
                .contains("\"this_node\":{", "\"db_pool_max\":", "\"sse_open_streams\":", "\"debates_running\":")
                .contains("\"models_usable\":1")
                .doesNotContain(alice.email());
    }
}
