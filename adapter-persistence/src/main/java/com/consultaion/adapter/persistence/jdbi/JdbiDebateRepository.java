package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateConfigFields;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.DebateMode;
import com.consultaion.domain.debate.DebateStatus;
import com.consultaion.domain.debate.Prompt;
import com.consultaion.domain.debate.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Debates in PostgreSQL: optimistic versioning on every write, the cancel flag never cleared by a racing write. */
public final class JdbiDebateRepository implements DebateRepository {

    static final String COLUMNS = "id, owner_id, team_id, mode, prompt, config, status, next_stage, last_seq, "
            + "final_content, error_reason, error_detail, cancel_requested, created_at, updated_at, version, category";

    private final Jdbi jdbi;

    public JdbiDebateRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(Debate d) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO debates (" + COLUMNS
                        + ") VALUES (:id, CAST(:owner AS UUID), CAST(:team AS UUID), :mode, :prompt, "
                        + "CAST(:config AS JSONB), :status, :nextStage, :lastSeq, :finalContent, :reason, :detail, "
                        + ":cancel, :createdAt, :updatedAt, :version, :category)")
                .bind("id", d.id().value())
                .bind("owner", d.ownerId().map(u -> u.value().toString()).orElse(null))
                .bind("team", d.teamId().map(UUID::toString).orElse(null))
                .bind("mode", d.mode().wireName())
                .bind("prompt", d.prompt().text())
                .bind("config", Json.write(DebateConfigFields.toFields(d.config())))
                .bind("status", d.status().wireName())
                .bind("nextStage", d.nextStage())
                .bind("lastSeq", d.lastSeq())
                .bind("finalContent", d.finalContent().orElse(null))
                .bind("reason", d.reason().orElse(null))
                .bind("detail", d.detail().orElse(null))
                .bind("cancel", d.cancelRequested())
                .bind("createdAt", utc(d.createdAt()))
                .bind("updatedAt", utc(d.updatedAt()))
                .bind("version", d.version())
                .bind("category", d.category().orElse(null))
                .execute());
    }

    @Override
    public Optional<Debate> findById(DebateId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM debates WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public void attachTrace(DebateId id, String traceParent) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE debates SET trace_parent = :tp WHERE id = :id")
                .bind("tp", traceParent)
                .bind("id", id.value())
                .execute());
    }

    @Override
    public Optional<String> traceOf(DebateId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT trace_parent FROM debates WHERE id = :id")
                .bind("id", id.value())
                .mapTo(String.class)
                .findOne()
                .filter(Objects::nonNull));
    }

    @Override
    public Debate update(Debate d) {
        // The flag is cleared only by a terminal write; otherwise a concurrent cancel request survives.
        record Stored(boolean cancelRequested, UUID teamId) {}
        Optional<Stored> flag = jdbi.withHandle(h -> h.createQuery("UPDATE debates SET prompt = :prompt, "
                        + "status = :status, next_stage = :nextStage, last_seq = :lastSeq, final_content = :finalContent, "
                        + "error_reason = :reason, error_detail = :detail, "
                        + "cancel_requested = CASE WHEN :terminal THEN FALSE ELSE (cancel_requested OR :cancel) END, "
                        + "updated_at = :updatedAt, version = version + 1 "
                        + "WHERE id = :id AND version = :version RETURNING cancel_requested, team_id")
                .bind("id", d.id().value())
                .bind("prompt", d.prompt().text())
                .bind("team", d.teamId().map(UUID::toString).orElse(null))
                .bind("status", d.status().wireName())
                .bind("nextStage", d.nextStage())
                .bind("lastSeq", d.lastSeq())
                .bind("finalContent", d.finalContent().orElse(null))
                .bind("reason", d.reason().orElse(null))
                .bind("detail", d.detail().orElse(null))
                .bind("terminal", d.status().isTerminal())
                .bind("cancel", d.cancelRequested())
                .bind("updatedAt", utc(d.updatedAt()))
                .bind("version", d.version())
                .map((rs, ctx) -> new Stored(rs.getBoolean("cancel_requested"), rs.getObject("team_id", UUID.class)))
                .findOne());
        if (flag.isEmpty()) {
            throw new ConcurrentUpdateException(d.id());
        }
        return d.asStored(flag.get().cancelRequested(), d.version() + 1)
                .sharedWith(flag.get().teamId(), d.updatedAt());
    }

    @Override
    public Page page(UserId owner, Set<UUID> teams, DebateStatus status, String text, int limit, int offset) {
        // Values are bound, never concatenated; LIKE wildcards in the user's text are escaped so it matches literally.
        String where = " WHERE (CAST(:owner AS UUID) IS NULL OR owner_id = CAST(:owner AS UUID) "
                + "OR team_id = ANY(:teams)) "
                + "AND (CAST(:status AS TEXT) IS NULL OR status = :status) "
                + "AND (CAST(:pattern AS TEXT) IS NULL OR prompt ILIKE :pattern ESCAPE '\\')";
        String pattern = text == null
                ? null
                : "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String ownerText = owner == null ? null : owner.value().toString();
        String statusText = status == null ? null : status.wireName();
        UUID[] teamIds = teams.toArray(UUID[]::new);
        return jdbi.withHandle(h -> {
            long total = h.createQuery("SELECT count(*) FROM debates" + where)
                    .bind("owner", ownerText)
                    .bind("teams", teamIds)
                    .bind("status", statusText)
                    .bind("pattern", pattern)
                    .mapTo(Long.class)
                    .one();
            List<Debate> items = h.createQuery("SELECT " + COLUMNS + " FROM debates" + where
                            + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                    .bind("owner", ownerText)
                    .bind("teams", teamIds)
                    .bind("status", statusText)
                    .bind("pattern", pattern)
                    .bind("limit", limit)
                    .bind("offset", offset)
                    .map((rs, ctx) -> read(rs))
                    .list();
            return new Page(items, total);
        });
    }

    @Override
    public boolean shareWith(DebateId id, UUID teamId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE debates SET team_id = CAST(:team AS UUID) WHERE id = :id")
                        .bind("team", teamId == null ? null : teamId.toString())
                        .bind("id", id.value())
                        .execute())
                == 1;
    }

    @Override
    public boolean cancelRequested(DebateId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT cancel_requested FROM debates WHERE id = :id")
                .bind("id", id.value())
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false));
    }

    @Override
    public boolean requestCancel(DebateId id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE debates SET cancel_requested = TRUE "
                                + "WHERE id = :id AND status IN ('queued', 'running')")
                        .bind("id", id.value())
                        .execute())
                == 1;
    }

    static Debate read(ResultSet rs) throws SQLException {
        UUID owner = rs.getObject("owner_id", UUID.class);
        return Debate.reconstitute(
                new DebateId(rs.getObject("id", UUID.class)),
                owner == null ? null : new UserId(owner),
                rs.getObject("team_id", UUID.class),
                storedPrompt(rs.getString("prompt")),
                DebateMode.valueOf(rs.getString("mode").toUpperCase(Locale.ROOT)),
                DebateConfigFields.fromFields(Json.map(rs.getString("config")), "local"),
                DebateStatus.fromWireName(rs.getString("status")),
                rs.getInt("next_stage"),
                rs.getLong("last_seq"),
                rs.getString("final_content"),
                rs.getString("error_reason"),
                rs.getString("error_detail"),
                rs.getBoolean("cancel_requested"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getLong("version"),
                rs.getString("category"));
    }

    private static Prompt storedPrompt(String text) {
        return new Prompt(text);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
