package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.ContentEraser;
import com.consultaion.domain.debate.Contribution;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.event.DebateEvent;
import com.consultaion.domain.event.EventPayloads;
import com.consultaion.domain.event.EventRedaction;
import com.consultaion.domain.judging.JudgeVerdict;
import com.consultaion.domain.judging.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Erases debate content in memory, with the same effect as the PostgreSQL adapter. */
public final class InMemoryContentEraser implements ContentEraser {

    private final InMemoryDatabase db;
    private final InMemoryDebateRepository debates;
    private final InMemoryTranscriptRepository transcripts;
    private final InMemoryDebateEventStore events;
    private final Set<DebateId> erased = new HashSet<>();

    public InMemoryContentEraser(
            InMemoryDatabase db,
            InMemoryDebateRepository debates,
            InMemoryTranscriptRepository transcripts,
            InMemoryDebateEventStore events) {
        this.db = db;
        this.debates = debates;
        this.transcripts = transcripts;
        this.events = events;
    }

    @Override
    public int eraseOwnedBy(UserId owner, Instant now) {
        return erase(d -> d.ownerId().map(owner::equals).orElse(false), Integer.MAX_VALUE, now);
    }

    @Override
    public int eraseFinishedBefore(Instant cutoff, int batch, Instant now) {
        return erase(d -> d.status().isTerminal() && d.createdAt().isBefore(cutoff), batch, now);
    }

    @Override
    public long countFinishedBefore(Instant cutoff) {
        return db.read(() -> debates.rows.values().stream()
                .map(InMemoryDebateRepository.Row::debate)
                .filter(d -> !erased.contains(d.id())
                        && d.status().isTerminal()
                        && d.createdAt().isBefore(cutoff))
                .count());
    }

    private int erase(Predicate<Debate> which, int batch, Instant now) {
        return db.inTransaction(() -> {
            List<InMemoryDebateRepository.Row> rows = debates.rows.values().stream()
                    .filter(r -> !erased.contains(r.debate().id()) && which.test(r.debate()))
                    .sorted(Comparator.comparing(r -> r.debate().createdAt()))
                    .limit(batch)
                    .toList();
            for (InMemoryDebateRepository.Row row : rows) {
                DebateId id = row.debate().id();
                db.write(() -> {
                    Map<DebateId, InMemoryDebateRepository.Row> beforeRows = new LinkedHashMap<>(debates.rows);
                    List<Contribution> beforeC = transcripts.contributions.get(id);
                    List<Verdict> beforeV = transcripts.verdicts.get(id);
                    List<DebateEvent> beforeE = events.logs.get(id);
                    debates.rows.put(id, row.withDebate(row.debate().anonymise(now)));
                    if (beforeC != null) {
                        transcripts.contributions.put(
                                id,
                                new ArrayList<>(beforeC.stream()
                                        .map(c -> c.ok()
                                                ? new Contribution(
                                                        c.stage(),
                                                        c.round(),
                                                        c.phase(),
                                                        c.agent(),
                                                        c.model(),
                                                        c.provider(),
                                                        MARKER,
                                                        null,
                                                        c.usage(),
                                                        c.at())
                                                : c)
                                        .toList()));
                    }
                    if (beforeV != null) {
                        transcripts.verdicts.put(
                                id,
                                new ArrayList<>(beforeV.stream()
                                        .map(v -> new Verdict(
                                                v.judge(),
                                                v.candidate(),
                                                v.label(),
                                                v.model(),
                                                v.verdict() instanceof JudgeVerdict.Parsed p
                                                        ? new JudgeVerdict.Parsed(
                                                                p.criteria(), p.rationale() == null ? null : MARKER)
                                                        : v.verdict(),
                                                null,
                                                v.usage(),
                                                v.at()))
                                        .toList()));
                    }
                    if (beforeE != null) {
                        events.logs.put(
                                id,
                                new ArrayList<>(beforeE.stream()
                                        .map(InMemoryContentEraser::redact)
                                        .toList()));
                    }
                    erased.add(id);
                    return () -> {
                        debates.rows.clear();
                        debates.rows.putAll(beforeRows);
                        restore(transcripts.contributions, id, beforeC);
                        restore(transcripts.verdicts, id, beforeV);
                        restore(events.logs, id, beforeE);
                        erased.remove(id);
                    };
                });
            }
            return rows.size();
        });
    }

    private static DebateEvent redact(DebateEvent e) {
        return new DebateEvent(
                e.debateId(),
                e.seq(),
                e.ts(),
                EventPayloads.decode(e.type(), EventRedaction.redact(e.payload().fields(), MARKER)));
    }

    private static <T> void restore(Map<DebateId, List<T>> map, DebateId id, List<T> before) {
        if (before == null) {
            map.remove(id);
        } else {
            map.put(id, before);
        }
    }
}
