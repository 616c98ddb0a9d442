package com.consultaion.adapter.rest.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

/**
 * Renders every error the framework produces itself (no route, wrong method, malformed JSON, body too large,
 * unexpected failures) in the API's error shape, with a fixed message per status so that nothing internal leaks.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class ApiErrorBodyProvider implements JsonErrorResponseBodyProvider<ApiError> {

    @Override
    public ApiError body(ErrorContext errorContext, HttpResponse<?> response) {
        return forStatus(response.code());
    }

    static ApiError forStatus(int status) {
        return switch (status) {
            case 400 ->
                ApiError.of("request.malformed", "The request could not be read: check the JSON body and parameters.");
            case 401 -> ApiError.of("auth.required", "Authentication is required.");
            case 403 -> ApiError.of("permission.denied", "You are not allowed to do this.");
            case 404 -> ApiError.of("not_found", "Nothing exists at this address.");
            case 405 -> ApiError.of("request.method_not_allowed", "This method is not allowed here.");
            case 406 -> ApiError.of("request.not_acceptable", "The requested media type cannot be produced.");
            case 413 -> ApiError.of("request.too_large", "The request body is larger than the limit.");
            case 415 -> ApiError.of("request.unsupported_media_type", "Send the body as application/json.");
            case 503 -> ApiError.retryable("service.unavailable", "The service is temporarily unavailable.", 1L);
            default ->
                status >= 500
                        ? ApiError.of("internal", "An unexpected error occurred; it has been logged.")
                        : ApiError.of(
                                "request.invalid", HttpStatus.valueOf(status).getReason());
        };
    }
}
