package com.consultaion.adapter.rest.http;

import com.consultaion.adapter.rest.error.ApiError;
import com.consultaion.application.port.in.Admission;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Named;

/**
 * Puts debate starts ({@code POST /debates}) through an {@link Admission} before anything else touches the
 * database (it runs ahead of authentication): a start does a dozen store round trips, and a thousand at once
 * would otherwise take every connection, fail when the pool's wait runs out, and hold up the running debates'
 * commits. The permit is held while the rest of the chain handles the start. A refused start (too many waiting,
 * or waited too long) gets 503 {@code service.unavailable} with {@code Retry-After}; nothing was created.
 */
@ServerFilter({"/debates", "/debates/"})
final class StartAdmissionFilter implements Ordered {

    private final Admission admission;

    StartAdmissionFilter(@Named("debate-starts") Admission admission) {
        this.admission = admission;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> admit(HttpRequest<?> request, FilterContinuation<HttpResponse<?>> chain)
            throws InterruptedException {
        if (request.getMethod() != HttpMethod.POST) {
            return chain.proceed();
        }
        return admission.admit(chain::proceed, () -> {
            long retry = admission.retryAfterSeconds();
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", Long.toString(retry))
                    .body(ApiError.retryable(
                            "service.unavailable",
                            "Too many debates are starting at once; retry after " + retry + " s.",
                            retry));
        });
    }
}
