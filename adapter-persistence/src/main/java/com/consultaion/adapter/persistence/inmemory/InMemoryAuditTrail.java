package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.domain.audit.AuditSearch;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The audit trail. */
public final class InMemoryAuditTrail implements AuditTrail {
    private final InMemoryDatabase db;
    private final List<Entry> entries = new ArrayList<>();

    public InMemoryAuditTrail(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void record(Entry entry) {
        db.write(() -> {
            entries.add(entry);
            return () -> entries.remove(entries.size() - 1);
        });
    }

    @Override
    public List<Entry> about(UserId user, int limit) {
        return db.read(() -> {
            List<Entry> mine = new ArrayList<>();
            for (int i = entries.size() - 1; i >= 0 && mine.size() < limit; i--) {
                Entry e = entries.get(i);
                if (user.equals(e.userId())
                        || ("user".equals(e.targetType()) && user.toString().equals(e.targetId()))) {
                    mine.add(e);
                }
            }
            mine.sort(Comparator.comparing(Entry::at).reversed());
            return mine;
        });
    }

    @Override
    public Page search(AuditSearch s, int limit, int offset) {
        List<Entry> matching = db.read(() -> {
            List<Entry> found = new ArrayList<>();
            for (int i = entries.size() - 1; i >= 0; i--) {
                Entry e = entries.get(i);
                if ((s.actor() == null || s.actor().equals(e.userId()))
                        && (s.action() == null || s.action().equals(e.action()))
                        && (s.targetType() == null || s.targetType().equals(e.targetType()))
                        && (s.targetId() == null || s.targetId().equals(e.targetId()))
                        && (s.from() == null || !e.at().isBefore(s.from()))
                        && (s.before() == null || e.at().isBefore(s.before()))) {
                    found.add(e);
                }
            }
            found.sort(Comparator.comparing(Entry::at).reversed());
            return found;
        });
        return new Page(matching.stream().skip(offset).limit(limit).toList(), matching.size());
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        int[] removed = new int[1];
        db.write(() -> {
            List<Entry> before = new ArrayList<>(entries);
            entries.removeIf(e -> e.at().isBefore(cutoff));
            removed[0] = before.size() - entries.size();
            return () -> {
                entries.clear();
                entries.addAll(before);
            };
        });
        return removed[0];
    }

    public List<Entry> entries() {
        return db.read(() -> List.copyOf(entries));
    }
}
