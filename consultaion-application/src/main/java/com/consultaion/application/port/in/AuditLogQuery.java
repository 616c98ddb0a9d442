package com.consultaion.application.port.in;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.audit.AuditSearch;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Port in: the audit trail for operators (admins only; {@link PermissionDenied} for anyone else). */
public interface AuditLogQuery {

    int MAX_LIMIT = 1_000;

    /** At most this many entries in one export. */
    int MAX_EXPORT = 10_000;

    /** A page of the entries matching the search, newest first. */
    Page search(Requester requester, AuditSearch search, int limit, int offset);

    /**
     * The entries matching the search for a download (at most {@link #MAX_EXPORT}, newest first); the export itself
     * is audited ({@code audit_exported}).
     */
    Page export(Requester requester, AuditSearch search, ClientContext client);

    /** One entry: when, who (if known), what, on what, from where. */
    record Item(
            Instant at,
            @Nullable UserId actor,
            String action,
            @Nullable String targetType,
            @Nullable String targetId,
            @Nullable String ip,
            @Nullable String requestId,
            Map<String, String> detail) {}

    /** One page and how many match in all. */
    record Page(List<Item> items, long total) {}
}
