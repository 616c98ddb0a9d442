package com.consultaion.adapter.rest.ops;

import com.consultaion.adapter.rest.billing.UsageView;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.OpsSummaryQuery;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The operators' summary: the last 24 hours and 7 days over all users, and this node's live numbers. */
@Controller("/admin/ops/summary")
final class OpsSummaryController {

    private final OpsSummaryQuery ops;

    OpsSummaryController(OpsSummaryQuery ops) {
        this.ops = ops;
    }

    @Get
    Map<String, Object> summary(HttpRequest<?> request) {
        OpsSummaryQuery.Summary s = ops.summary(Principals.of(request).requester());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", s.at().toString());
        for (OpsSummaryQuery.Window w : s.windows()) {
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("since", w.since().toString());
            Map<String, Object> byStatus = new LinkedHashMap<>();
            w.debatesByStatus().forEach((status, n) -> byStatus.put(status.wireName(), n));
            window.put("debates_by_status", byStatus);
            window.put(
                    "debates",
                    w.debatesByStatus().values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
            window.put("active_users", w.activeUsers());
            List<Map<String, Object>> models =
                    w.usageByModel().stream().map(UsageView::json).toList();
            window.put("usage_by_model", models);
            body.put("last_" + w.name(), window);
        }
        Map<String, Object> node = new LinkedHashMap<>(s.node());
        node.put("debates_running", s.runningOnThisNode());
        body.put("this_node", node);
        return body;
    }
}
