package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.account.Email;
import com.consultaion.domain.account.Role;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/** JdbiUserRepository. */
public final class JdbiUserRepository implements UserRepository {
    static final String COLUMNS =
            "id, email, password_hash, role, display_name, avatar_url, bio, timezone, email_summaries_enabled, analytics_opt_out, is_active, "
                    + "created_at, deleted_at";
    private final Jdbi jdbi;

    public JdbiUserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(User u) {
        try {
            jdbi.useHandle(h -> h.createUpdate(
                            "INSERT INTO users (" + COLUMNS + ") VALUES (:id, :email, :hash, "
                                    + ":role, :displayName, :avatarUrl, :bio, :timezone, :emailSummaries, :analyticsOptOut, :active, :createdAt, :deletedAt)")
                    .bindMap(fields(u))
                    .execute());
        } catch (StatementException e) {
            if (Sql.isUniqueViolation(e)) {
                throw new EmailTakenException();
            }
            throw e;
        }
    }

    @Override
    public Optional<User> findById(UserId id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE email = :email")
                .bind("email", email.value())
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public void update(User u) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE users SET email = :email, password_hash = :hash, role = :role, "
                                + "display_name = :displayName, avatar_url = :avatarUrl, bio = :bio, timezone = :timezone, "
                                + "email_summaries_enabled = :emailSummaries, analytics_opt_out = :analyticsOptOut, is_active = :active, deleted_at = :deletedAt WHERE id = :id")
                .bindMap(fields(u))
                .execute());
    }

    /** The bind values of a user's columns (one place for insert and update). */
    private static Map<String, Object> fields(User u) {
        Map<String, Object> f = new HashMap<>();
        f.put("id", u.id().value());
        f.put("email", u.email().value());
        f.put("hash", u.passwordHash());
        f.put("role", u.role().wireName());
        f.put("displayName", u.profile().displayName());
        f.put("avatarUrl", u.profile().avatarUrl());
        f.put("bio", u.profile().bio());
        f.put("timezone", u.profile().timezone());
        f.put("emailSummaries", u.profile().emailSummaries());
        f.put("analyticsOptOut", u.profile().analyticsOptOut());
        f.put("active", u.active());
        f.put("createdAt", JdbiTimes.utc(u.createdAt()));
        f.put("deletedAt", JdbiTimes.utc(u.deletedAt()));
        return f;
    }

    static User read(ResultSet rs) throws SQLException {
        return new User(
                new UserId(rs.getObject("id", UUID.class)),
                new Email(rs.getString("email")),
                rs.getString("password_hash"),
                Role.fromWireName(rs.getString("role")),
                new User.Profile(
                        rs.getString("display_name"),
                        rs.getString("avatar_url"),
                        rs.getString("bio"),
                        rs.getString("timezone"),
                        rs.getBoolean("email_summaries_enabled"),
                        rs.getBoolean("analytics_opt_out")),
                rs.getBoolean("is_active"),
                JdbiTimes.instant(rs, "created_at"),
                JdbiTimes.instant(rs, "deleted_at"));
    }
}
