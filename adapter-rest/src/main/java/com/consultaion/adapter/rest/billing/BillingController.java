package com.consultaion.adapter.rest.billing;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.AssignPlanUseCase;
import com.consultaion.application.port.in.AuthenticateQuery;
import com.consultaion.application.port.in.BillingQueries;
import com.consultaion.application.port.in.ModelQueries;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.plan.Plan;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Plans, the caller's plan and usage, usage per model, and the admin plan change. */
@Controller
final class BillingController {

    private final BillingQueries billing;
    private final AssignPlanUseCase plans;
    private final ModelQueries models;

    BillingController(BillingQueries billing, AssignPlanUseCase plans, ModelQueries models) {
        this.billing = billing;
        this.plans = plans;
        this.models = models;
    }

    @Get("/billing/plans")
    Map<String, Object> plans() {
        return Map.of(
                "items", billing.plans().stream().map(BillingController::plan).toList());
    }

    @Get("/billing/me")
    Map<String, Object> me(HttpRequest<?> request) {
        BillingQueries.Account account = billing.account(Principals.of(request).requester());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("period", account.period());
        usage.put("debates_created", account.usage().debatesThisMonth());
        usage.put("exports_count", account.exportsThisMonth());
        usage.put("tokens_used", account.usage().tokensThisMonth());
        usage.put("tokens_today", account.usage().tokensToday());
        usage.put("running_debates", account.usage().running());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plan", plan(account.plan()));
        body.put("usage", usage);
        return body;
    }

    @Get("/billing/usage/models")
    Map<String, Object> usageByModel(HttpRequest<?> request) {
        return Map.of(
                "items",
                billing.usageByModel(Principals.of(request).requester()).stream()
                        .map(u -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("model_id", u.model());
                            m.put("display_name", models.displayName(u.model()));
                            m.put("tokens_used", u.tokens());
                            m.put("approx_cost_usd", u.costUsd());
                            return m;
                        })
                        .toList());
    }

    @Serdeable
    record PlanChange(@Nullable String plan) {}

    @Post("/admin/users/{id}/plan")
    HttpResponse<?> assign(HttpRequest<?> request, String id, @Body PlanChange body) {
        AuthenticateQuery.Principal principal = Principals.of(request);
        UUID user;
        try {
            user = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return notFound();
        }
        if (!plans.assignPlan(principal.requester(), new UserId(user), body.plan(), Principals.client(request))) {
            return notFound();
        }
        return HttpResponse.ok(Map.of("id", id, "plan", body.plan()));
    }

    private static HttpResponse<?> notFound() {
        return HttpResponse.status(HttpStatus.NOT_FOUND).body(ApiError.of("user.not_found", "No such user."));
    }

    private static Map<String, Object> plan(Plan p) {
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("max_debates_per_month", p.limits().debatesPerMonth());
        limits.put("max_tokens_per_day", p.limits().tokensPerDay());
        limits.put("max_concurrent_debates", p.limits().concurrentDebates());
        limits.put("max_models_per_debate", p.limits().maxAgents());
        limits.put(
                "allowed_model_tiers", p.limits().modelTiers().stream().sorted().toList());
        limits.put("exports_enabled", p.limits().exports());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", p.slug());
        m.put("name", p.name());
        m.put("price_monthly", p.priceMonthly());
        m.put("currency", p.currency());
        m.put("is_default_free", p.slug().equals(Plan.DEFAULT_SLUG));
        m.put("limits", limits);
        return m;
    }
}
