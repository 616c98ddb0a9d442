package com.consultaion.adapter.rest.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * The one error shape of the API: {@code {"error": {"code", "message", "details", "retryable",
 * "retry_after_seconds"}}}. Messages are written for users; they never carry stack traces, SQL or class names.
 */
@Serdeable
public record ApiError(Body error) {

    public static ApiError of(String code, String message) {
        return new ApiError(new Body(code, message, Map.of(), false, null));
    }

    public static ApiError of(String code, String message, Map<String, Object> details) {
        return new ApiError(new Body(code, message, details, false, null));
    }

    public static ApiError retryable(String code, String message, Long retryAfterSeconds) {
        return new ApiError(new Body(code, message, Map.of(), true, retryAfterSeconds));
    }

    public static ApiError retryable(String code, String message, Long retryAfterSeconds, Map<String, Object> details) {
        return new ApiError(new Body(code, message, details, true, retryAfterSeconds));
    }

    /** The fields inside {@code error}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Body(
            String code,
            String message,
            Map<String, Object> details,
            boolean retryable,
            @JsonProperty("retry_after_seconds") Long retryAfterSeconds) {}

    /** The body of an error the framework made itself, by status: a fixed message, nothing internal. */
    public static ApiError forStatus(int status) {
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
