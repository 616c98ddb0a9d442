package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Debates in memory, with the same optimistic-version and cancel-flag rules as the PostgreSQL adapter. */
public final class InMemoryDebateRepository implements DebateRepository {

    /** A stored debate with its lease columns (managed by {@link InMemoryWorkLeases}). */
    record Row(Debate debate, String leaseOwner, long leaseEpoch, Instant leaseExpiresAt) {
        Row withDebate(Debate d) {
            return new Row(d, leaseOwner, leaseEpoch, leaseExpiresAt);
        }
    }

    private final InMemoryDatabase db;
    final Map<DebateId, Row> rows = new HashMap<>();
    /** Queued and running debates: what workers may claim (kept apart so claims do not scan finished ones). */
    final Set<DebateId> active = new HashSet<>();

    private final Map<DebateId, String> traces = new HashMap<>();

    public InMemoryDebateRepository(InMemoryDatabase db) {
        this.db = db;
    }

    InMemoryDatabase db() {
        return db;
    }

    @Override
    public void insert(Debate debate) {
        db.write(() -> {
            if (rows.containsKey(debate.id())) {
                throw new IllegalStateException("debate " + debate.id() + " already exists");
            }
            rows.put(debate.id(), new Row(debate, null, 0, null));
            boolean added = !debate.status().isTerminal() && active.add(debate.id());
            return () -> {
                rows.remove(debate.id());
                if (added) {
                    active.remove(debate.id());
                }
            };
        });
    }

    @Override
    public void attachTrace(DebateId id, String traceParent) {
        db.write(() -> {
            if (!rows.containsKey(id)) {
                return () -> {};
            }
            String old = traces.put(id, traceParent);
            return () -> {
                if (old == null) {
                    traces.remove(id);
                } else {
                    traces.put(id, old);
                }
            };
        });
    }

    @Override
    public Optional<String> traceOf(DebateId id) {
        return db.read(() -> Optional.ofNullable(traces.get(id)));
    }

    /** Every debate (for the other in-memory stores' queries). */
    List<Debate> all() {
        return db.read(() -> rows.values().stream().map(Row::debate).toList());
    }

    @Override
    public Optional<Debate> findById(DebateId id) {
        return db.read(() -> Optional.ofNullable(rows.get(id)).map(Row::debate));
    }

    @Override
    public Debate update(Debate debate) {
        Debate[] saved = new Debate[1];
        db.write(() -> {
            Row old = rows.get(debate.id());
            if (old == null || old.debate().version() != debate.version()) {
                throw new ConcurrentUpdateException(debate.id());
            }
            saved[0] = keepCancelFlag(debate, old.debate())
                    .withVersion(debate.version() + 1)
                    .sharedWith(old.debate().teamId().orElse(null), debate.updatedAt());
            rows.put(debate.id(), old.withDebate(saved[0]));
            boolean wasActive = active.contains(debate.id());
            if (saved[0].status().isTerminal()) {
                active.remove(debate.id());
            } else {
                active.add(debate.id());
            }
            return () -> {
                rows.put(debate.id(), old);
                if (wasActive) {
                    active.add(debate.id());
                } else {
                    active.remove(debate.id());
                }
            };
        });
        return saved[0];
    }

    @Override
    public Page page(UserId owner, Set<UUID> teams, DebateStatus status, String text, int limit, int offset) {
        return db.read(() -> {
            List<Debate> matches = rows.values().stream()
                    .map(Row::debate)
                    .filter(d -> owner == null
                            || d.ownerId().map(owner::equals).orElse(false)
                            || d.teamId().map(teams::contains).orElse(false))
                    .filter(d -> status == null || d.status() == status)
                    .filter(d -> text == null
                            || d.prompt().text().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT)))
                    .sorted(Comparator.comparing(Debate::createdAt).reversed().thenComparing(d -> d.id().value()))
                    .toList();
            int from = Math.min(offset, matches.size());
            return new Page(matches.subList(from, Math.min(from + limit, matches.size())), matches.size());
        });
    }

    @Override
    public boolean shareWith(DebateId id, UUID teamId) {
        boolean[] done = new boolean[1];
        db.write(() -> {
            Row old = rows.get(id);
            if (old == null) {
                return () -> {};
            }
            rows.put(
                    id,
                    old.withDebate(old.debate().sharedWith(teamId, old.debate().updatedAt())));
            done[0] = true;
            return () -> rows.put(id, old);
        });
        return done[0];
    }

    @Override
    public boolean requestCancel(DebateId id) {
        boolean[] done = new boolean[1];
        db.write(() -> {
            Row old = rows.get(id);
            if (old == null || old.debate().status().isTerminal()) {
                return () -> {};
            }
            rows.put(id, old.withDebate(old.debate().asStored(true, old.debate().version())));
            done[0] = true;
            return () -> rows.put(id, old);
        });
        return done[0];
    }

    /** The flag is never cleared by a non-terminal write: a concurrent cancel request must not be lost. */
    static Debate keepCancelFlag(Debate written, Debate stored) {
        boolean flag = !written.status().isTerminal() && (written.cancelRequested() || stored.cancelRequested());
        return flag == written.cancelRequested() ? written : written.asStored(flag, written.version());
    }
}
