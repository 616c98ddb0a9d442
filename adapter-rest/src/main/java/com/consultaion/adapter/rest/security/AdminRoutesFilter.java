package com.consultaion.adapter.rest.security;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.application.port.in.AuthenticateQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Routes that are not ours but must be admin-only: the metrics endpoint {@code /prometheus} (served by the
 * framework's management module). Anonymous callers were already refused by the {@link AuthFilter}; a signed-in
 * caller who is not an admin gets 403 here.
 */
@ServerFilter("/prometheus/**")
final class AdminRoutesFilter implements Ordered {

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> adminsOnly(HttpRequest<?> request) {
        boolean admin = request.getAttribute(
                        AuthenticateQuery.Principal.REQUEST_ATTRIBUTE, AuthenticateQuery.Principal.class)
                .map(AuthenticateQuery.Principal::admin)
                .orElse(false);
        return admin
                ? null
                : HttpResponse.status(HttpStatus.FORBIDDEN)
                        .body(ApiError.of("permission.denied", "Only admins may read the metrics."));
    }
}
