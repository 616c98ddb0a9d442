package com.consultaion.adapter.rest.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
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
}
