package com.consultaion.adapter.sse;

import com.consultaion.application.port.in.Admission;
import com.consultaion.application.port.in.AuthenticateQuery;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /admin/ops/streams} (admins only): this node's live-stream counters — streams open now, events
 * delivered, subscribers dropped for lag, streams ended by their lifetime limit. Prometheus export is issue 12.
 */
@Controller("/admin/ops")
final class StreamOpsController {

    private final StreamMetrics metrics;
    private final Admission admission;

    StreamOpsController(StreamMetrics metrics, @Named("stream-opens") Admission admission) {
        this.metrics = metrics;
        this.admission = admission;
    }

    @Get(value = "/streams", produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> streams(HttpRequest<?> request) {
        boolean admin = request.getAttribute(
                        AuthenticateQuery.Principal.REQUEST_ATTRIBUTE, AuthenticateQuery.Principal.class)
                .map(p -> p.requester().admin())
                .orElse(false);
        if (!admin) {
            return HttpResponse.status(HttpStatus.FORBIDDEN)
                    .body(Map.of(
                            "error",
                            StreamController.error(
                                    "permission.denied", "You are not allowed to do this.", false, null)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("open_streams", metrics.openStreams());
        body.put("events_delivered", metrics.eventsDelivered());
        body.put("subscribers_dropped_for_lag", metrics.subscribersDroppedForLag());
        body.put("streams_ended_by_limit", metrics.streamsEndedByLimit());
        body.put("opens_waiting", admission.waiting());
        body.put("opens_refused", admission.refused());
        return HttpResponse.ok(body);
    }
}
