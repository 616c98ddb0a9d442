package com.consultaion.adapter.rest.ops;

import com.consultaion.adapter.rest.debate.Reports;
import com.consultaion.adapter.rest.http.QueryParams;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.AuditLogQuery;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.audit.AuditSearch;
import com.consultaion.domain.debate.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The audit trail for operators (admins only): searched and paged, or exported as CSV or JSON. */
@Controller("/admin/audit")
final class AuditController {

    private final AuditLogQuery audit;

    AuditController(AuditLogQuery audit) {
        this.audit = audit;
    }

    @Get("{?actor,action,target_type,target_id,from,to,limit,offset}")
    Map<String, Object> search(
            HttpRequest<?> request,
            @Nullable @QueryValue String actor,
            @Nullable @QueryValue String action,
            @Nullable @QueryValue("target_type") String targetType,
            @Nullable @QueryValue("target_id") String targetId,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue String limit,
            @Nullable @QueryValue String offset) {
        AuditSearch search = search(actor, action, targetType, targetId, from, to);
        int max = QueryParams.integer("limit", limit, 100);
        int skip = QueryParams.integer("offset", offset, 0);
        AuditLogQuery.Page page = audit.search(Principals.of(request).requester(), search, max, skip);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(AuditController::json).toList());
        body.put("total", page.total());
        body.put("limit", max);
        body.put("offset", skip);
        body.put("has_more", skip + page.items().size() < page.total());
        return body;
    }

    @Get("/export{?format,actor,action,target_type,target_id,from,to}")
    HttpResponse<?> export(
            HttpRequest<?> request,
            @Nullable @QueryValue String format,
            @Nullable @QueryValue String actor,
            @Nullable @QueryValue String action,
            @Nullable @QueryValue("target_type") String targetType,
            @Nullable @QueryValue("target_id") String targetId,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to) {
        String kind = format == null || format.isBlank() ? "csv" : format.strip();
        if (!kind.equals("csv") && !kind.equals("json")) {
            throw ValidationException.of("format", "format.invalid", "must be csv or json");
        }
        AuditLogQuery.Page page = audit.export(
                Principals.of(request).requester(),
                search(actor, action, targetType, targetId, from, to),
                Principals.client(request));
        String file = "attachment; filename=\"audit-" + Instant.now().toString().substring(0, 10) + "." + kind + "\"";
        if (kind.equals("json")) {
            return HttpResponse.ok(Map.of(
                            "items",
                                    page.items().stream()
                                            .map(AuditController::json)
                                            .toList(),
                            "total", page.total()))
                    .header("Content-Disposition", file);
        }
        StringBuilder csv = new StringBuilder("at,actor,action,target_type,target_id,ip,request_id,detail\r\n");
        for (AuditLogQuery.Item i : page.items()) {
            csv.append(String.join(
                            ",",
                            Reports.csvCell(i.at().toString()),
                            Reports.csvCell(i.actor() == null ? "" : i.actor().toString()),
                            Reports.csvCell(i.action()),
                            Reports.csvCell(i.targetType()),
                            Reports.csvCell(i.targetId()),
                            Reports.csvCell(i.ip()),
                            Reports.csvCell(i.requestId()),
                            Reports.csvCell(detail(i.detail()))))
                    .append("\r\n");
        }
        return HttpResponse.ok(csv.toString())
                .contentType(MediaType.of("text/csv; charset=utf-8"))
                .header("Content-Disposition", file);
    }

    private static String detail(Map<String, String> detail) {
        List<String> parts = detail.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .toList();
        return String.join(";", parts);
    }

    private static AuditSearch search(
            @Nullable String actor,
            @Nullable String action,
            @Nullable String targetType,
            @Nullable String targetId,
            @Nullable String from,
            @Nullable String to) {
        UserId who = null;
        if (actor != null && !actor.isBlank()) {
            try {
                who = new UserId(UUID.fromString(actor.strip()));
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("actor", "actor.invalid", "must be a user id");
            }
        }
        return new AuditSearch(
                who,
                blank(action),
                blank(targetType),
                blank(targetId),
                QueryParams.instant("from", from),
                QueryParams.instant("to", to));
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Map<String, Object> json(AuditLogQuery.Item i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", i.at().toString());
        m.put("actor", i.actor() == null ? null : i.actor().toString());
        m.put("action", i.action());
        m.put("target_type", i.targetType());
        m.put("target_id", i.targetId());
        m.put("ip", i.ip());
        m.put("request_id", i.requestId());
        m.put("detail", i.detail());
        return m;
    }
}
