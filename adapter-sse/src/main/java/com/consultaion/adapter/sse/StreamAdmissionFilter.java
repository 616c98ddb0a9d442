package com.consultaion.adapter.sse;

import com.consultaion.application.port.in.Admission;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Named;
import java.util.Map;

/**
 * Puts stream opens through {@link Admission} before anything else touches the database (it runs ahead of
 * authentication): the permit is held while the rest of the chain authenticates, rate-limits and checks access,
 * and is handed back as soon as the response starts — the stream itself then runs without one. A refused open
 * gets 503 {@code service.unavailable} with {@code Retry-After}; EventSource clients retry by themselves.
 */
@ServerFilter({"/debates/*/stream", "/debates/*/stream/"})
final class StreamAdmissionFilter implements Ordered {

    private final Admission admission;

    StreamAdmissionFilter(@Named("stream-opens") Admission admission) {
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
        if (request.getMethod() != HttpMethod.GET) {
            return chain.proceed();
        }
        return admission.admit(chain::proceed, () -> {
            long retry = admission.retryAfterSeconds();
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", Long.toString(retry))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(Map.of(
                            "error",
                            StreamController.error(
                                    "service.unavailable",
                                    "Too many streams are opening at once; retry after " + retry + " s.",
                                    true,
                                    retry)));
        });
    }
}
