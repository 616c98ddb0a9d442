package com.consultaion.adapter.rest.ops;

import com.consultaion.adapter.rest.security.Principals;
import com.consultaion.application.port.in.PurgeRetentionUseCase;
import com.consultaion.domain.ValidationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The maintenance purge (admins): the retention policy applied now. A dry run unless {@code dry_run=false}: what
 * would be erased first, then the erasure; both audited.
 */
@Controller("/admin/maintenance")
final class MaintenanceController {

    private final PurgeRetentionUseCase retention;

    MaintenanceController(PurgeRetentionUseCase retention) {
        this.retention = retention;
    }

    @Post("/purge{?dry_run}")
    Map<String, Object> purge(HttpRequest<?> request, @Nullable @QueryValue("dry_run") String dryRun) {
        boolean dry = switch (dryRun == null || dryRun.isBlank() ? "true" : dryRun.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ValidationException.of("dry_run", "dry_run.invalid", "must be true or false");
        };
        PurgeRetentionUseCase.Result r = dry
                ? retention.preview(Principals.of(request).requester(), Principals.client(request))
                : retention.purge(Principals.of(request).requester(), Principals.client(request));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dry_run", dry);
        body.put("debates_erased", dry ? 0 : r.debatesErased());
        body.put("audit_entries_deleted", dry ? 0 : r.auditEntriesDeleted());
        body.put("debates_to_erase", dry ? r.debatesErased() : 0);
        body.put("audit_entries_to_delete", dry ? r.auditEntriesDeleted() : 0);
        return body;
    }
}
