package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.ContentEraser;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.event.EventRedaction;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Erases debate content in PostgreSQL. Debates are picked with {@code FOR UPDATE SKIP LOCKED}, so purges on
 * several nodes split the work instead of colliding; each batch commits on its own.
 */
public final class JdbiContentEraser implements ContentEraser {

    private final Jdbi jdbi;

    public JdbiContentEraser(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public int eraseOwnedBy(UserId owner, Instant now) {
        return jdbi.inTransaction(h -> erase(
                h,
                h.createQuery("SELECT id FROM debates WHERE owner_id = :owner "
                                + "AND content_erased_at IS NULL FOR UPDATE SKIP LOCKED")
                        .bind("owner", owner.value())
                        .mapTo(UUID.class)
                        .list(),
                now));
    }

    @Override
    public int eraseFinishedBefore(Instant cutoff, int batch, Instant now) {
        return jdbi.inTransaction(h -> erase(
                h,
                h.createQuery("SELECT id FROM debates WHERE created_at < :cutoff "
                                + "AND content_erased_at IS NULL AND status NOT IN ('queued', 'running') "
                                + "ORDER BY created_at LIMIT :batch FOR UPDATE SKIP LOCKED")
                        .bind("cutoff", JdbiDebateRepository.utc(cutoff))
                        .bind("batch", batch)
                        .mapTo(UUID.class)
                        .list(),
                now));
    }

    @Override
    public long countFinishedBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM debates WHERE created_at < :cutoff "
                        + "AND content_erased_at IS NULL AND status NOT IN ('queued', 'running')")
                .bind("cutoff", JdbiDebateRepository.utc(cutoff))
                .mapTo(Long.class)
                .one());
    }

    private static int erase(Handle h, List<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        UUID[] array = ids.toArray(UUID[]::new);
        h.createUpdate("UPDATE debates SET prompt = :prompt, final_content = CASE WHEN final_content IS NULL THEN NULL "
                        + "ELSE :marker END, error_detail = NULL, content_erased_at = :now, updated_at = :now "
                        + "WHERE id = ANY(:ids)")
                .bind("prompt", "[deleted by retention or on request]")
                .bind("marker", MARKER)
                .bind("now", JdbiDebateRepository.utc(now))
                .bind("ids", array)
                .execute();
        h.createUpdate("UPDATE debate_contributions SET content = CASE WHEN content IS NULL THEN NULL ELSE :marker END "
                        + "WHERE debate_id = ANY(:ids)")
                .bind("marker", MARKER)
                .bind("ids", array)
                .execute();
        h.createUpdate("UPDATE debate_verdicts SET raw_text = NULL, rationale = CASE WHEN rationale IS NULL THEN NULL "
                        + "ELSE :marker END WHERE debate_id = ANY(:ids)")
                .bind("marker", MARKER)
                .bind("ids", array)
                .execute();
        // Every text of every event, at any depth (a final event's meta included), by the domain's one rule.
        PreparedBatch rewrite = h.prepareBatch(
                "UPDATE debate_events SET payload = CAST(:payload AS JSONB) " + "WHERE debate_id = :id AND seq = :seq");
        h.createQuery("SELECT debate_id, seq, payload::text AS payload FROM debate_events WHERE debate_id = ANY(:ids)")
                .bind("ids", array)
                .map((rs, ctx) ->
                        new Object[] {rs.getObject("debate_id", UUID.class), rs.getLong("seq"), rs.getString("payload")
                        })
                .forEach(row -> rewrite.bind("id", row[0])
                        .bind("seq", row[1])
                        .bind("payload", Json.write(EventRedaction.redact(Json.map((String) row[2]), MARKER)))
                        .add());
        if (rewrite.size() > 0) {
            rewrite.execute();
        }
        h.createUpdate("UPDATE debates SET final_meta = NULL WHERE id = ANY(:ids)")
                .bind("ids", array)
                .execute();
        return ids.size();
    }
}
