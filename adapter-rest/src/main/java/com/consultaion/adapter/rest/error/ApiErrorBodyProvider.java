package com.consultaion.adapter.rest.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
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
        return ApiError.forStatus(response.code());
    }
}
