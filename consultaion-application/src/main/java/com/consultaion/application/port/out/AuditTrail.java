package com.consultaion.application.port.out;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.audit.AuditSearch;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Port out: the record of security-relevant actions. Entries never contain prompts, passwords, tokens or keys;
 * {@code detail} holds short identifiers only.
 */
public interface AuditTrail {

    /** Records nothing (an embedded core without an audit store). */
    AuditTrail NONE = new AuditTrail() {
        @Override
        public void record(Entry entry) {}

        @Override
        public List<Entry> about(UserId user, int limit) {
            return List.of();
        }

        @Override
        public Page search(AuditSearch search, int limit, int offset) {
            return new Page(List.of(), 0);
        }

        @Override
        public int deleteBefore(Instant cutoff) {
            return 0;
        }
    };

    void record(Entry entry);

    /**
     * The entries about a person, newest first: their own actions and those on their account (target type
     * {@code user}, target id theirs).
     */
    List<Entry> about(UserId user, int limit);

    /** A page of the entries matching the search, newest first, and how many match in all. */
    Page search(AuditSearch search, int limit, int offset);

    /** One page of entries. */
    record Page(List<Entry> items, long total) {}

    /** Deletes entries older than {@code cutoff} (retention); returns how many. */
    int deleteBefore(Instant cutoff);

    /** One action: who (if known), what, on what, from where. */
    record Entry(
            Instant at,
            @Nullable UserId userId,
            String action,
            @Nullable String targetType,
            @Nullable String targetId,
            @Nullable String ip,
            @Nullable String requestId,
            Map<String, String> detail) {}
}
