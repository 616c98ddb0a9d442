package com.consultaion.adapter.rest.billing;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.AdminUsersUseCase;
import com.consultaion.application.port.in.PaymentsUseCase;
import com.consultaion.application.port.in.Requester;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.billing.CheckoutSession;
import com.consultaion.domain.billing.Subscription;
import com.consultaion.domain.debate.UserId;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Buying a plan (checkout at the payment provider), the provider's webhook, and subscriptions. */
@Controller
final class PaymentsController {

    private final PaymentsUseCase payments;
    private final AdminUsersUseCase users;

    PaymentsController(PaymentsUseCase payments, AdminUsersUseCase users) {
        this.payments = payments;
        this.users = users;
    }

    @Serdeable
    record CheckoutRequest(
            @JsonProperty("plan_slug") @Nullable String planSlug) {}

    @Post("/billing/checkout")
    Map<String, Object> checkout(HttpRequest<?> request, @Body CheckoutRequest body) {
        if (body.planSlug() == null || body.planSlug().isBlank()) {
            throw ValidationException.of("plan_slug", "field.required", "name the plan to buy");
        }
        CheckoutSession session = payments.checkout(
                Principals.of(request).requester(), body.planSlug().strip(), Principals.client(request));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checkout_url", session.url());
        m.put("session_id", session.id());
        return m;
    }

    /** Public and without CSRF: the provider signs the exact bytes it sends, and nothing else is trusted. */
    @Post(value = "/billing/webhook/{provider}", consumes = MediaType.ALL)
    Map<String, Object> webhook(
            String provider, @Body byte[] body, @Nullable @Header("Stripe-Signature") String signature) {
        PaymentsUseCase.Receipt receipt = payments.receive(provider, body, signature);
        return Map.of("received", true, "event_id", receipt.eventId(), "outcome", receipt.outcome());
    }

    @Get("/billing/subscriptions")
    Map<String, Object> mine(HttpRequest<?> request) {
        Requester requester = Principals.of(request).requester();
        UserId me = requester.user().orElseThrow();
        return Map.of("items", views(payments.subscriptions(requester, me)));
    }

    @Get("/admin/users/{id}/billing")
    HttpResponse<?> ofUser(HttpRequest<?> request, String id) {
        Requester requester = Principals.of(request).requester();
        Optional<AdminUsersUseCase.Detail> detail = parse(id).flatMap(u -> users.detail(requester, u));
        if (detail.isEmpty()) {
            return HttpResponse.status(HttpStatus.NOT_FOUND).body(ApiError.of("user.not_found", "No such user."));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", id);
        m.put("plan", detail.get().plan());
        m.put(
                "subscriptions",
                views(payments.subscriptions(requester, detail.get().user().id())));
        return HttpResponse.ok(m);
    }

    private static Optional<UserId> parse(String id) {
        try {
            return Optional.of(new UserId(UUID.fromString(id)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<Map<String, Object>> views(List<Subscription> subscriptions) {
        return subscriptions.stream().map(SubscriptionView::json).toList();
    }
}
