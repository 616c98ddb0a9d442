package com.consultaion.adapter.rest.ops;

import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.RouteModelQuery;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.debate.DebateConfigFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.Map;

/** The routing preview (admins): which model a debate on a plan would run on now, and every candidate's scores. */
@Controller("/admin/routing/preview")
final class RoutingPreviewController {

    private final RouteModelQuery routing;

    RoutingPreviewController(RouteModelQuery routing) {
        this.routing = routing;
    }

    @Get("{?plan,policy}")
    Map<String, Object> preview(
            HttpRequest<?> request, @Nullable @QueryValue String plan, @Nullable @QueryValue String policy) {
        if (plan == null || plan.isBlank()) {
            throw ValidationException.of("plan", "plan.required", "name a plan: free, pro, internal");
        }
        return DebateConfigFields.routingToFields(routing.preview(
                Principals.of(request).requester(), plan.strip(), policy == null || policy.isBlank() ? null : policy));
    }
}
