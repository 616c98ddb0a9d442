package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayloads;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The event log in PostgreSQL. An append continues the sequence ({@code first seq = max + 1}, checked in the
 * same transaction) and the primary key (debate_id, seq) rejects a repeat, so two racing writers cannot both
 * succeed.
 */
public final class JdbiDebateEventStore implements DebateEventStore {

    private final Jdbi jdbi;

    public JdbiDebateEventStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void append(List<DebateEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Map<DebateId, Long> firstSeq = new LinkedHashMap<>();
        Map<DebateId, Long> expected = new LinkedHashMap<>();
        for (DebateEvent e : events) {
            firstSeq.putIfAbsent(e.debateId(), e.seq());
            long next = expected.getOrDefault(e.debateId(), e.seq());
            if (e.seq() != next) {
                throw new SequenceException("debate " + e.debateId() + ": events must be consecutive");
            }
            expected.put(e.debateId(), next + 1);
        }
        try {
            jdbi.useTransaction(h -> {
                for (Map.Entry<DebateId, Long> first : firstSeq.entrySet()) {
                    long last = lastSeq(first.getKey());
                    if (first.getValue() != last + 1) {
                        throw new SequenceException("debate " + first.getKey() + ": expected seq " + (last + 1)
                                + ", got " + first.getValue());
                    }
                }
                PreparedBatch batch = h.prepareBatch("INSERT INTO debate_events (debate_id, seq, type, payload, "
                        + "created_at) VALUES (:debateId, :seq, :type, CAST(:payload AS JSONB), :ts)");
                for (DebateEvent e : events) {
                    batch.bind("debateId", e.debateId().value())
                            .bind("seq", e.seq())
                            .bind("type", e.type())
                            .bind("payload", Json.write(e.payload().fields()))
                            .bind("ts", JdbiDebateRepository.utc(e.ts()))
                            .add();
                }
                batch.execute();
            });
        } catch (StatementException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new SequenceException("an event with the same seq was appended concurrently");
            }
            throw e;
        }
    }

    @Override
    public List<DebateEvent> readAfter(DebateId id, long afterSeq, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT seq, type, payload, created_at FROM debate_events "
                        + "WHERE debate_id = :id AND seq > :after ORDER BY seq LIMIT :limit")
                .bind("id", id.value())
                .bind("after", afterSeq)
                .bind("limit", limit)
                .map((rs, ctx) -> new DebateEvent(
                        id,
                        rs.getLong("seq"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        EventPayloads.decode(rs.getString("type"), Json.map(rs.getString("payload")))))
                .list());
    }

    @Override
    public long lastSeq(DebateId id) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM debate_events WHERE debate_id = :id")
                        .bind("id", id.value())
                        .mapTo(Long.class)
                        .one());
    }
}
