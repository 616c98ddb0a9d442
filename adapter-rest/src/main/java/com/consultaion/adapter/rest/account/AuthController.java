package com.consultaion.adapter.rest.account;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.security.AccessTokens;
import com.consultaion.adapter.rest.security.CookieSettings;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.application.port.in.AuthenticateQuery;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Registration, sign-in, token refresh and sign-out. Tokens come back in the body (apps) and as cookies (web). */
@Controller("/auth")
final class AuthController {

    private final AccountUseCases accounts;
    private final AccessTokens tokens;
    private final CookieSettings cookies;

    AuthController(AccountUseCases accounts, AccessTokens tokens, CookieSettings cookies) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.cookies = cookies;
    }

    @Serdeable
    record Credentials(@Nullable String email, @Nullable String password) {}

    @Serdeable
    record RefreshRequest(
            @Nullable @JsonProperty("refresh_token") String refreshToken) {}

    @Serdeable
    record SessionResponse(
            UserResponse user,
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn) {}

    @Post("/register")
    HttpResponse<UserResponse> register(HttpRequest<?> request, @Body Credentials body) {
        AccountUseCases.SignedIn signedIn =
                accounts.register(body.email(), body.password(), Principals.client(request));
        return withCookies(HttpResponse.status(HttpStatus.CREATED).body(UserResponse.of(signedIn.user())), signedIn);
    }

    @Post("/login")
    HttpResponse<SessionResponse> login(HttpRequest<?> request, @Body Credentials body) {
        return session(accounts.login(body.email(), body.password(), Principals.client(request)));
    }

    @Post("/refresh")
    HttpResponse<?> refresh(HttpRequest<?> request, @Nullable @Body RefreshRequest body) {
        String token = body == null ? null : body.refreshToken();
        if (token == null) {
            token = request.getCookies()
                    .findCookie(CookieSettings.REFRESH)
                    .map(Cookie::getValue)
                    .orElse(null);
            if (token != null && !Principals.csrfMatches(request)) {
                return HttpResponse.status(HttpStatus.FORBIDDEN)
                        .body(ApiError.of(
                                "auth.csrf_failed", "Send the csrf_token cookie's value in the X-CSRF-Token header."));
            }
        }
        return session(accounts.refresh(token, Principals.client(request)));
    }

    @Post("/logout")
    HttpResponse<Map<String, Object>> logout(HttpRequest<?> request) {
        AuthenticateQuery.Principal principal = Principals.of(request);
        if (principal.sessionId() != null) {
            accounts.logout(principal.sessionId(), principal.userId(), Principals.client(request));
        }
        return clearCookies(HttpResponse.ok(Map.of("ok", true)), cookies);
    }

    private HttpResponse<SessionResponse> session(AccountUseCases.SignedIn signedIn) {
        String access = tokens.issue(signedIn.user(), signedIn.sessionId());
        SessionResponse body = new SessionResponse(
                UserResponse.of(signedIn.user()),
                access,
                signedIn.refreshToken(),
                "Bearer",
                AccessTokens.TTL.toSeconds());
        return withCookies(HttpResponse.ok(body), signedIn, access);
    }

    private <T> MutableHttpResponse<T> withCookies(MutableHttpResponse<T> response, AccountUseCases.SignedIn signedIn) {
        return withCookies(response, signedIn, tokens.issue(signedIn.user(), signedIn.sessionId()));
    }

    private <T> MutableHttpResponse<T> withCookies(
            MutableHttpResponse<T> response, AccountUseCases.SignedIn signedIn, String access) {
        long refreshSeconds =
                Duration.between(Instant.now(), signedIn.refreshExpiresAt()).toSeconds();
        return response.cookie(
                        cookie(CookieSettings.ACCESS, access, "/", true, SameSite.Lax, AccessTokens.TTL.toSeconds()))
                .cookie(cookie(
                        CookieSettings.REFRESH,
                        signedIn.refreshToken(),
                        "/auth",
                        true,
                        SameSite.Strict,
                        refreshSeconds))
                .cookie(cookie(
                        CookieSettings.CSRF, UUID.randomUUID().toString(), "/", false, SameSite.Lax, refreshSeconds));
    }

    private Cookie cookie(String name, String value, String path, boolean httpOnly, SameSite sameSite, long maxAge) {
        Cookie c = Cookie.of(name, value)
                .path(path)
                .httpOnly(httpOnly)
                .secure(cookies.secure())
                .sameSite(sameSite)
                .maxAge(maxAge);
        return cookies.domain() == null ? c : c.domain(cookies.domain());
    }

    static <T> MutableHttpResponse<T> clearCookies(MutableHttpResponse<T> response, CookieSettings settings) {
        for (String[] c : new String[][] {
            {CookieSettings.ACCESS, "/"}, {CookieSettings.REFRESH, "/auth"}, {CookieSettings.CSRF, "/"}
        }) {
            response.cookie(Cookie.of(c[0], "").path(c[1]).maxAge(0).secure(settings.secure()));
        }
        return response;
    }
}
