package com.consultaion.adapter.rest.account;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.ApiKeyUseCases;
import com.consultaion.domain.ValidationException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * The caller's API keys. The secret appears once, in the response that creates it, as {@code secret} (the original
 * service's name, which its SDK and web app read) and as {@code key}.
 */
@Controller("/keys")
final class KeysController {

    private final ApiKeyUseCases keys;

    KeysController(ApiKeyUseCases keys) {
        this.keys = keys;
    }

    @Serdeable
    record CreateKey(
            @Nullable String name,
            @Nullable @JsonProperty("expires_at") String expiresAt) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record KeyResponse(
            String id,
            String name,
            String prefix,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("expires_at") String expiresAt,
            @JsonProperty("last_used_at") String lastUsedAt,
            boolean revoked,

            @Nullable @JsonInclude(JsonInclude.Include.NON_NULL)
            String key,

            @Nullable @JsonInclude(JsonInclude.Include.NON_NULL)
            String secret) {

        static KeyResponse of(ApiKeyUseCases.KeyInfo k, String secret) {
            return new KeyResponse(
                    k.id().toString(),
                    k.name(),
                    k.prefix(),
                    k.createdAt().toString(),
                    str(k.expiresAt()),
                    str(k.lastUsedAt()),
                    k.revoked(),
                    secret,
                    secret);
        }

        private static String str(Instant i) {
            return i == null ? null : i.toString();
        }
    }

    /** A bare JSON array, as the original service answers (its web app maps over it). */
    @Get
    List<KeyResponse> list(HttpRequest<?> request) {
        return keys.list(Principals.of(request).userId()).stream()
                .map(k -> KeyResponse.of(k, null))
                .toList();
    }

    @Post
    HttpResponse<KeyResponse> create(HttpRequest<?> request, @Body CreateKey body) {
        Instant expires;
        try {
            expires = body.expiresAt() == null ? null : Instant.parse(body.expiresAt());
        } catch (DateTimeParseException e) {
            throw ValidationException.of("expires_at", "expires_at.invalid", "must be an ISO-8601 UTC time");
        }
        ApiKeyUseCases.Created created =
                keys.create(Principals.of(request).userId(), body.name(), expires, Principals.client(request));
        return HttpResponse.status(HttpStatus.CREATED).body(KeyResponse.of(created.key(), created.secret()));
    }

    @Delete("/{id}")
    HttpResponse<?> revoke(HttpRequest<?> request, String id) {
        UUID keyId;
        try {
            keyId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return notFound();
        }
        return keys.revoke(Principals.of(request).userId(), keyId, Principals.client(request))
                ? HttpResponse.noContent()
                : notFound();
    }

    private static HttpResponse<ApiError> notFound() {
        return HttpResponse.status(HttpStatus.NOT_FOUND).body(ApiError.of("key.not_found", "No such API key."));
    }
}
