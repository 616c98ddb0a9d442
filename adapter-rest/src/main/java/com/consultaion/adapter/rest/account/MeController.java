package com.consultaion.adapter.rest.account;

import com.consultaion.adapter.rest.security.CookieSettings;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.account.User;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** The signed-in user: who they are, their profile, and erasing their account. */
@Controller("/me")
final class MeController {

    private final AccountUseCases accounts;
    private final CookieSettings cookies;

    MeController(AccountUseCases accounts, CookieSettings cookies) {
        this.accounts = accounts;
        this.cookies = cookies;
    }

    /**
     * Only what a user may change about themselves: no role, no e-mail, no id. A field left out (or null) is kept,
     * a blank one cleared, as the original service does (its web app sends one setting at a time).
     */
    @Serdeable
    record ProfileRequest(
            @Nullable @JsonProperty("display_name") String displayName,
            @Nullable @JsonProperty("avatar_url") String avatarUrl,
            @Nullable String bio,
            @Nullable String timezone,

            // Read as it is written, so that only a JSON boolean is taken (the binder would read "yes" as false).
            @Nullable @JsonProperty("email_summaries_enabled")
            Object emailSummariesEnabled) {}

    @Get
    UserResponse me(HttpRequest<?> request) {
        return UserResponse.of(current(request));
    }

    @Get("/profile")
    UserResponse profile(HttpRequest<?> request) {
        return UserResponse.of(current(request));
    }

    @Put("/profile")
    UserResponse updateProfile(HttpRequest<?> request, @Body ProfileRequest body) {
        Object summaries = body.emailSummariesEnabled();
        if (summaries != null && !(summaries instanceof Boolean)) {
            throw ValidationException.of("email_summaries_enabled", "profile.boolean", "must be true or false");
        }
        User.Profile.Change change = new User.Profile.Change(
                body.displayName(), body.avatarUrl(), body.bio(), body.timezone(), (Boolean) summaries, null);
        return UserResponse.of(
                accounts.updateProfile(Principals.of(request).userId(), change, Principals.client(request)));
    }

    /**
     * The original service's privacy settings: the analytics opt-out, a JSON boolean and nothing else (read as a
     * map, since the binder would take a string such as "yes" for a boolean).
     */
    @Post("/privacy")
    Map<String, Object> privacy(HttpRequest<?> request, @Body Map<String, Object> body) {
        for (String field : body.keySet()) {
            if (!field.equals("analytics_opt_out")) {
                throw ValidationException.of(field, "field.unknown", "is not a privacy setting");
            }
        }
        if (!(body.get("analytics_opt_out") instanceof Boolean optOut)) {
            throw ValidationException.of("analytics_opt_out", "privacy.boolean", "must be true or false");
        }
        User updated = accounts.updatePrivacy(Principals.of(request).userId(), optOut, Principals.client(request));
        return Map.of("analytics_opt_out", updated.profile().analyticsOptOut(), "message", "Privacy settings updated");
    }

    @Post("/delete-account")
    HttpResponse<Map<String, Object>> delete(HttpRequest<?> request) {
        accounts.deleteAccount(Principals.of(request).userId(), Principals.client(request));
        return AuthController.clearCookies(
                HttpResponse.ok(Map.of("status", "ok", "message", "Your account and its content have been erased.")),
                cookies);
    }

    private User current(HttpRequest<?> request) {
        return accounts.me(Principals.of(request).userId())
                .orElseThrow(() -> new AccountUseCases.AuthenticationFailed("auth.required", "Sign in again."));
    }
}
