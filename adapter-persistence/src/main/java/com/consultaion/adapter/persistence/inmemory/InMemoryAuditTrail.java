package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.AuditTrail;
import java.time.Instant;
import java.util.ArrayList;
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
