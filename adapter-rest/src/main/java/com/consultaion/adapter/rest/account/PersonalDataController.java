package com.consultaion.adapter.rest.account;

import com.consultaion.adapter.rest.billing.SubscriptionView;
import com.consultaion.adapter.rest.billing.UsageView;
import com.consultaion.adapter.rest.debate.DebateResponse;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.application.port.in.ApiKeyUseCases;
import com.consultaion.application.port.in.PersonalDataQuery;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.team.Membership;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /me/export}: everything the service holds about the caller as one JSON document (the right of access),
 * offered as a download. Charged like starting a debate by the rate limiter; audited by the core.
 */
@Controller("/me/export")
final class PersonalDataController {

    /** The document's format; raised when a field changes meaning. */
    static final int FORMAT = 1;

    private final PersonalDataQuery personalData;

    PersonalDataController(PersonalDataQuery personalData) {
        this.personalData = personalData;
    }

    @Get
    HttpResponse<Map<String, Object>> export(HttpRequest<?> request) {
        PersonalDataQuery.PersonalData data = personalData
                .export(Principals.of(request).userId(), Principals.client(request))
                .orElseThrow(() -> new AccountUseCases.AuthenticationFailed("auth.required", "Sign in again."));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("format", FORMAT);
        body.put("exported_at", data.exportedAt().toString());
        body.put("account", UserResponse.of(data.user()));
        body.put("plan", data.plan());
        body.put(
                "debates",
                data.debates().stream().map(PersonalDataController::debate).toList());
        body.put("debates_truncated", data.debatesTruncated());
        body.put(
                "teams", data.teams().stream().map(PersonalDataController::team).toList());
        body.put(
                "api_keys",
                data.apiKeys().stream().map(PersonalDataController::key).toList());
        body.put(
                "usage_this_month",
                data.usageThisMonth().stream().map(UsageView::json).toList());
        body.put(
                "subscriptions",
                data.subscriptions().stream().map(SubscriptionView::json).toList());
        body.put(
                "audit",
                data.audit().stream().map(PersonalDataController::audit).toList());
        LocalDate day = data.exportedAt().atZone(ZoneOffset.UTC).toLocalDate();
        return HttpResponse.ok(body)
                .header("Content-Disposition", "attachment; filename=\"consultaion-data-" + day + ".json\"");
    }

    private static Map<String, Object> debate(PersonalDataQuery.DebateRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("debate", DebateResponse.of(r.debate(), null));
        List<Map<String, Object>> events =
                r.events().stream().map(DebateEvent::wireFields).toList();
        m.put("events", events);
        return m;
    }

    private static Map<String, Object> team(Membership t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.team().id().toString());
        m.put("name", t.team().name());
        m.put("role", t.role().wireName());
        return m;
    }

    private static Map<String, Object> key(ApiKeyUseCases.KeyInfo k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id().toString());
        m.put("name", k.name());
        m.put("prefix", k.prefix());
        m.put("created_at", k.createdAt().toString());
        m.put("expires_at", k.expiresAt() == null ? null : k.expiresAt().toString());
        m.put("last_used_at", k.lastUsedAt() == null ? null : k.lastUsedAt().toString());
        m.put("revoked", k.revoked());
        return m;
    }

    private static Map<String, Object> audit(PersonalDataQuery.AuditRecord a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", a.at().toString());
        m.put("action", a.action());
        m.put("by_you", a.byThem());
        m.put("target_type", a.targetType());
        m.put("target_id", a.targetId());
        m.put("ip", a.ip());
        m.put("detail", a.detail());
        return m;
    }
}
