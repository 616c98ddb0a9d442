package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.DebateEventStore;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.event.DebateEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The event log in memory: per debate, seq 1, 2, 3 … with no gap and no repeat. */
public final class InMemoryDebateEventStore implements DebateEventStore {

    private final InMemoryDatabase db;
    final Map<DebateId, List<DebateEvent>> logs = new HashMap<>();

    public InMemoryDebateEventStore(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void append(List<DebateEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        db.write(() -> {
            Map<DebateId, Long> next = new HashMap<>();
            for (DebateEvent e : events) {
                long expected = next.computeIfAbsent(
                        e.debateId(),
                        id -> (long) logs.getOrDefault(id, List.of()).size() + 1);
                if (e.seq() != expected) {
                    throw new SequenceException(
                            "debate " + e.debateId() + ": expected seq " + expected + ", got " + e.seq());
                }
                next.put(e.debateId(), expected + 1);
            }
            Map<DebateId, Integer> sizes = new HashMap<>();
            for (DebateEvent e : events) {
                List<DebateEvent> log = logs.computeIfAbsent(e.debateId(), id -> new ArrayList<>());
                sizes.putIfAbsent(e.debateId(), log.size());
                log.add(e);
            }
            return () -> sizes.forEach((id, size) -> {
                List<DebateEvent> log = logs.get(id);
                log.subList(size, log.size()).clear();
            });
        });
    }

    @Override
    public List<DebateEvent> readAfter(DebateId id, long afterSeq, int limit) {
        return db.read(() -> {
            List<DebateEvent> log = logs.getOrDefault(id, List.of());
            int from = (int) Math.min(Math.max(afterSeq, 0), log.size());
            int to = (int) Math.min((long) from + limit, log.size());
            return List.copyOf(log.subList(from, to));
        });
    }

    @Override
    public long lastSeq(DebateId id) {
        return db.read(() -> (long) logs.getOrDefault(id, List.of()).size());
    }
}
