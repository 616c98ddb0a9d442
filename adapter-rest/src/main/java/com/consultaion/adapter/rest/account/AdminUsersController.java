package com.consultaion.adapter.rest.account;

import com.consultaion.adapter.rest.billing.UsageView;
import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.http.QueryParams;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.AdminUsersUseCase;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.account.AccountSearch;
import com.consultaion.domain.account.Role;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Operators and accounts (admins only): list and search, one account, disable and enable, promote to admin. */
@Controller("/admin/users")
final class AdminUsersController {

    private final AdminUsersUseCase users;

    AdminUsersController(AdminUsersUseCase users) {
        this.users = users;
    }

    @Get("{?q,role,status,plan,created_from,created_to,sort,limit,offset}")
    Map<String, Object> list(
            HttpRequest<?> request,
            @Nullable @QueryValue String q,
            @Nullable @QueryValue String role,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String plan,
            @Nullable @QueryValue("created_from") String createdFrom,
            @Nullable @QueryValue("created_to") String createdTo,
            @Nullable @QueryValue String sort,
            @Nullable @QueryValue String limit,
            @Nullable @QueryValue String offset) {
        boolean oldestFirst = switch (sort == null || sort.isBlank() ? "-created_at" : sort.strip()) {
            case "-created_at" -> false;
            case "created_at" -> true;
            default -> throw ValidationException.of("sort", "sort.invalid", "must be created_at or -created_at");
        };
        AccountSearch search = new AccountSearch(
                blank(q),
                role == null || role.isBlank() ? null : role(role),
                status == null || status.isBlank() ? null : status(status),
                blank(plan),
                QueryParams.instant("created_from", createdFrom),
                QueryParams.instant("created_to", createdTo),
                oldestFirst);
        int max = QueryParams.integer("limit", limit, 50);
        int skip = QueryParams.integer("offset", offset, 0);
        AccountSearch.Page page = users.list(Principals.of(request).requester(), search, max, skip);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "items",
                page.items().stream().map(l -> user(l.user(), l.plan())).toList());
        body.put("total", page.total());
        body.put("limit", max);
        body.put("offset", skip);
        body.put("has_more", skip + page.items().size() < page.total());
        return body;
    }

    @Get("/{id}")
    HttpResponse<?> detail(HttpRequest<?> request, String id) {
        Optional<UserId> user = parse(id);
        if (user.isEmpty()) {
            return notFound();
        }
        return users.detail(Principals.of(request).requester(), user.get())
                .<HttpResponse<?>>map(d -> {
                    Map<String, Object> body = user(d.user(), d.plan());
                    Map<String, Object> quota = new LinkedHashMap<>();
                    quota.put("debates_this_month", d.quota().debatesThisMonth());
                    quota.put("tokens_today", d.quota().tokensToday());
                    quota.put("tokens_this_month", d.quota().tokensThisMonth());
                    quota.put("running_debates", d.quota().running());
                    body.put("quota", quota);
                    body.put(
                            "usage_this_month",
                            d.usageThisMonth().stream().map(UsageView::json).toList());
                    return HttpResponse.ok(body);
                })
                .orElseGet(AdminUsersController::notFound);
    }

    @Post("/{id}/disable")
    HttpResponse<?> disable(HttpRequest<?> request, String id) {
        return active(request, id, false);
    }

    @Post("/{id}/enable")
    HttpResponse<?> enable(HttpRequest<?> request, String id) {
        return active(request, id, true);
    }

    /** The original service's form: {@code {is_active}}, a JSON boolean. */
    @Post("/{id}/status")
    HttpResponse<?> status(HttpRequest<?> request, String id, @Body Map<String, Object> body) {
        for (String field : body.keySet()) {
            if (!field.equals("is_active")) {
                throw ValidationException.of(field, "field.unknown", "only is_active may be set here");
            }
        }
        if (!(body.get("is_active") instanceof Boolean active)) {
            throw ValidationException.of("is_active", "status.boolean", "must be true or false");
        }
        Optional<UserId> user = parse(id);
        if (user.isEmpty()) {
            return notFound();
        }
        return users.setActive(Principals.of(request).requester(), user.get(), active, Principals.client(request))
                .<HttpResponse<?>>map(u -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("user_id", u.id().toString());
                    answer.put("email", u.email().value());
                    answer.put("is_active", u.active());
                    answer.put("message", "Account " + (active ? "enabled" : "disabled") + " successfully");
                    return HttpResponse.ok(answer);
                })
                .orElseGet(AdminUsersController::notFound);
    }

    @Post("/{id}/admin")
    HttpResponse<?> promote(HttpRequest<?> request, String id) {
        Optional<UserId> user = parse(id);
        if (user.isEmpty()) {
            return notFound();
        }
        return users.promote(Principals.of(request).requester(), user.get(), Principals.client(request))
                .<HttpResponse<?>>map(u -> HttpResponse.ok(UserResponse.of(u)))
                .orElseGet(AdminUsersController::notFound);
    }

    private HttpResponse<?> active(HttpRequest<?> request, String id, boolean active) {
        Optional<UserId> user = parse(id);
        if (user.isEmpty()) {
            return notFound();
        }
        return users.setActive(Principals.of(request).requester(), user.get(), active, Principals.client(request))
                .<HttpResponse<?>>map(u -> HttpResponse.ok(UserResponse.of(u)))
                .orElseGet(AdminUsersController::notFound);
    }

    private static Map<String, Object> user(User u, String plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id().toString());
        m.put("email", u.email().value());
        m.put("role", u.role().wireName());
        m.put("status", AccountSearch.Status.of(u).wireName());
        m.put("plan", plan);
        m.put("display_name", u.profile().displayName());
        m.put("created_at", u.createdAt().toString());
        return m;
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Role role(String value) {
        try {
            return Role.fromWireName(value.strip());
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("role", "role.invalid", "must be user or admin");
        }
    }

    private static AccountSearch.Status status(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "active" -> AccountSearch.Status.ACTIVE;
            case "disabled" -> AccountSearch.Status.DISABLED;
            case "deleted" -> AccountSearch.Status.DELETED;
            default -> throw ValidationException.of("status", "status.invalid", "must be active, disabled or deleted");
        };
    }

    private static Optional<UserId> parse(String id) {
        try {
            return Optional.of(new UserId(UUID.fromString(id)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static HttpResponse<?> notFound() {
        return HttpResponse.status(HttpStatus.NOT_FOUND).body(ApiError.of("user.not_found", "No such user."));
    }
}
