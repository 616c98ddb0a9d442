package com.consultaion.application.service;

import com.consultaion.application.port.in.AuditLogQuery;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.audit.AuditSearch;
import java.time.Clock;
import java.util.Map;

/** The audit trail, read by operators: searched, paged, exported (and the export audited). */
public final class AuditLogService implements AuditLogQuery {

    private final AuditTrail audit;
    private final Clock clock;

    public AuditLogService(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    private static void adminOnly(Requester requester) {
        if (!requester.admin()) {
            throw new PermissionDenied("only admins may read the audit trail");
        }
    }

    @Override
    public Page search(Requester requester, AuditSearch search, int limit, int offset) {
        adminOnly(requester);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ValidationException.of("limit", "limit.out_of_range", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw ValidationException.of("offset", "offset.out_of_range", "must be 0 or more");
        }
        return page(audit.search(search, limit, offset));
    }

    @Override
    public Page export(Requester requester, AuditSearch search, ClientContext client) {
        adminOnly(requester);
        Page page = page(audit.search(search, MAX_EXPORT, 0));
        audit.record(new AuditTrail.Entry(
                clock.instant(),
                requester.userId(),
                "audit_exported",
                null,
                null,
                client.ip(),
                client.requestId(),
                Map.of("entries", Integer.toString(page.items().size()))));
        return page;
    }

    private static Page page(AuditTrail.Page p) {
        return new Page(
                p.items().stream()
                        .map(e -> new Item(
                                e.at(),
                                e.userId(),
                                e.action(),
                                e.targetType(),
                                e.targetId(),
                                e.ip(),
                                e.requestId(),
                                e.detail()))
                        .toList(),
                p.total());
    }
}
