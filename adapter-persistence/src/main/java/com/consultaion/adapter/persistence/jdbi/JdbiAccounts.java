package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.IdentityStore;
import com.consultaion.application.port.out.LoginAttempts;
import com.consultaion.application.port.out.SessionRepository;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.account.Email;
import com.consultaion.domain.account.LoginThrottle;
import com.consultaion.domain.account.Role;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/** The account stores on PostgreSQL: users, sessions, API keys, sign-in attempts and the audit trail. */
public final class JdbiAccounts {

    private JdbiAccounts() {}

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : JdbiDebateRepository.utc(i);
    }

    /** Users. */
    public static final class Users implements UserRepository {
        private static final String COLUMNS =
                "id, email, password_hash, role, display_name, avatar_url, bio, timezone, is_active, created_at, deleted_at";
        private final Jdbi jdbi;

        public Users(Jdbi jdbi) {
            this.jdbi = jdbi;
        }

        @Override
        public void insert(User u) {
            try {
                jdbi.useHandle(h -> h.createUpdate("INSERT INTO users (" + COLUMNS + ") VALUES (:id, :email, :hash, "
                                + ":role, :displayName, :avatarUrl, :bio, :timezone, :active, :createdAt, :deletedAt)")
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
            jdbi.useHandle(h -> h.createUpdate("UPDATE users SET email = :email, password_hash = :hash, role = :role, "
                            + "display_name = :displayName, avatar_url = :avatarUrl, bio = :bio, timezone = :timezone, "
                            + "is_active = :active, deleted_at = :deletedAt WHERE id = :id")
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
            f.put("active", u.active());
            f.put("createdAt", utc(u.createdAt()));
            f.put("deletedAt", utc(u.deletedAt()));
            return f;
        }

        private static User read(ResultSet rs) throws SQLException {
            return new User(
                    new UserId(rs.getObject("id", UUID.class)),
                    new Email(rs.getString("email")),
                    rs.getString("password_hash"),
                    Role.fromWireName(rs.getString("role")),
                    new User.Profile(
                            rs.getString("display_name"),
                            rs.getString("avatar_url"),
                            rs.getString("bio"),
                            rs.getString("timezone")),
                    rs.getBoolean("is_active"),
                    instant(rs, "created_at"),
                    instant(rs, "deleted_at"));
        }
    }

    /** Sessions and refresh tokens. */
    public static final class Sessions implements SessionRepository {
        private final Jdbi jdbi;

        public Sessions(Jdbi jdbi) {
            this.jdbi = jdbi;
        }

        @Override
        public void create(UUID sessionId, UserId userId, byte[] firstTokenHash, Instant now, Instant expiresAt) {
            jdbi.useTransaction(h -> {
                h.createUpdate(
                                "INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (:id, :user, :now, :exp)")
                        .bind("id", sessionId)
                        .bind("user", userId.value())
                        .bind("now", utc(now))
                        .bind("exp", utc(expiresAt))
                        .execute();
                h.createUpdate(
                                "INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES (:hash, :id, :now)")
                        .bind("hash", firstTokenHash)
                        .bind("id", sessionId)
                        .bind("now", utc(now))
                        .execute();
            });
        }

        @Override
        public Optional<RefreshToken> findRefresh(byte[] tokenHash) {
            return jdbi.withHandle(h -> h.createQuery(
                            "SELECT s.id, s.user_id, r.rotated_at, s.revoked_at, s.expires_at "
                                    + "FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE r.token_hash = :hash")
                    .bind("hash", tokenHash)
                    .map((rs, ctx) -> new RefreshToken(
                            rs.getObject("id", UUID.class),
                            new UserId(rs.getObject("user_id", UUID.class)),
                            instant(rs, "rotated_at"),
                            instant(rs, "revoked_at"),
                            instant(rs, "expires_at")))
                    .findOne());
        }

        @Override
        public boolean rotate(byte[] oldHash, byte[] newHash, Instant now) {
            return jdbi.inTransaction(h -> {
                Optional<UUID> session = h.createQuery("UPDATE refresh_tokens SET rotated_at = :now "
                                + "WHERE token_hash = :hash AND rotated_at IS NULL RETURNING session_id")
                        .bind("now", utc(now))
                        .bind("hash", oldHash)
                        .mapTo(UUID.class)
                        .findOne();
                if (session.isEmpty()) {
                    return false;
                }
                h.createUpdate(
                                "INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES (:hash, :id, :now)")
                        .bind("hash", newHash)
                        .bind("id", session.get())
                        .bind("now", utc(now))
                        .execute();
                return true;
            });
        }

        @Override
        public void revokeSession(UUID sessionId, Instant now) {
            jdbi.useHandle(
                    h -> h.createUpdate("UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                            .bind("now", utc(now))
                            .bind("id", sessionId)
                            .execute());
        }

        @Override
        public void revokeAllForUser(UserId userId, Instant now) {
            jdbi.useHandle(h -> h.createUpdate(
                            "UPDATE sessions SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                    .bind("now", utc(now))
                    .bind("user", userId.value())
                    .execute());
        }

        @Override
        public boolean isActive(UUID sessionId, UserId userId, Instant now) {
            return jdbi.withHandle(
                            h -> h.createQuery("SELECT count(*) FROM sessions WHERE id = :id AND user_id = :user "
                                            + "AND revoked_at IS NULL AND expires_at > :now")
                                    .bind("id", sessionId)
                                    .bind("user", userId.value())
                                    .bind("now", utc(now))
                                    .mapTo(Integer.class)
                                    .one())
                    == 1;
        }
    }

    /** API keys. */
    public static final class ApiKeys implements ApiKeyRepository {
        private static final String COLUMNS =
                "id, user_id, name, prefix, key_hash, created_at, expires_at, last_used_at, revoked_at";
        private final Jdbi jdbi;

        public ApiKeys(Jdbi jdbi) {
            this.jdbi = jdbi;
        }

        @Override
        public void insert(ApiKey k) {
            jdbi.useHandle(
                    h -> h.createUpdate("INSERT INTO api_keys (" + COLUMNS + ") VALUES (:id, :user, :name, :prefix, "
                                    + ":hash, :created, :expires, :lastUsed, :revoked)")
                            .bind("id", k.id())
                            .bind("user", k.userId().value())
                            .bind("name", k.name())
                            .bind("prefix", k.prefix())
                            .bind("hash", k.hash())
                            .bind("created", utc(k.createdAt()))
                            .bind("expires", utc(k.expiresAt()))
                            .bind("lastUsed", utc(k.lastUsedAt()))
                            .bind("revoked", utc(k.revokedAt()))
                            .execute());
        }

        @Override
        public List<ApiKey> findByPrefix(String prefix) {
            return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE prefix = :prefix")
                    .bind("prefix", prefix)
                    .map((rs, ctx) -> read(rs))
                    .list());
        }

        @Override
        public List<ApiKey> listForUser(UserId userId) {
            return jdbi.withHandle(h -> h.createQuery(
                            "SELECT " + COLUMNS + " FROM api_keys WHERE user_id = :user ORDER BY created_at, id")
                    .bind("user", userId.value())
                    .map((rs, ctx) -> read(rs))
                    .list());
        }

        @Override
        public boolean revoke(UUID id, UserId userId, Instant now) {
            return jdbi.withHandle(h -> h.createUpdate("UPDATE api_keys SET revoked_at = :now "
                                    + "WHERE id = :id AND user_id = :user AND revoked_at IS NULL")
                            .bind("now", utc(now))
                            .bind("id", id)
                            .bind("user", userId.value())
                            .execute())
                    == 1;
        }

        @Override
        public void revokeAllForUser(UserId userId, Instant now) {
            jdbi.useHandle(h -> h.createUpdate(
                            "UPDATE api_keys SET revoked_at = :now WHERE user_id = :user AND revoked_at IS NULL")
                    .bind("now", utc(now))
                    .bind("user", userId.value())
                    .execute());
        }

        @Override
        public void touch(UUID id, Instant now) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET last_used_at = :now WHERE id = :id")
                    .bind("now", utc(now))
                    .bind("id", id)
                    .execute());
        }

        private static ApiKey read(ResultSet rs) throws SQLException {
            return read(rs, "");
        }

        /** A key from columns named with {@code prefix} (as {@link Identities} selects them next to a user's). */
        static ApiKey read(ResultSet rs, String prefix) throws SQLException {
            return new ApiKey(
                    rs.getObject(prefix + "id", UUID.class),
                    new UserId(rs.getObject(prefix + "user_id", UUID.class)),
                    rs.getString(prefix + "name"),
                    rs.getString(prefix + "prefix"),
                    rs.getBytes(prefix + "key_hash"),
                    instant(rs, prefix + "created_at"),
                    instant(rs, prefix + "expires_at"),
                    instant(rs, prefix + "last_used_at"),
                    instant(rs, prefix + "revoked_at"));
        }
    }

    /**
     * Who is behind a credential, each question in one statement: the key or session, its user, and the user's
     * team ids (an array), instead of three reads on every authenticated request.
     */
    public static final class Identities implements IdentityStore {
        private static final String USER = Arrays.stream(Users.COLUMNS.split(",", -1))
                .map(c -> "u." + c.strip())
                .collect(Collectors.joining(", "));
        private static final String KEY = Arrays.stream(ApiKeys.COLUMNS.split(",", -1))
                .map(c -> "k." + c.strip() + " AS key_" + c.strip())
                .collect(Collectors.joining(", "));
        private static final String TEAMS =
                "ARRAY(SELECT m.team_id FROM team_members m WHERE m.user_id = u.id) AS team_ids";
        private final Jdbi jdbi;

        public Identities(Jdbi jdbi) {
            this.jdbi = jdbi;
        }

        @Override
        public List<KeyHolder> keysByPrefix(String prefix) {
            return jdbi.withHandle(h -> h.createQuery("SELECT " + KEY + ", " + USER + ", " + TEAMS
                            + " FROM api_keys k LEFT JOIN users u ON u.id = k.user_id WHERE k.prefix = :prefix")
                    .bind("prefix", prefix)
                    .map((rs, ctx) -> new KeyHolder(
                            ApiKeys.read(rs, "key_"), rs.getObject("id", UUID.class) == null ? null : identity(rs)))
                    .list());
        }

        @Override
        public Optional<Identity> sessionHolder(UUID sessionId, UserId userId, Instant now) {
            return jdbi.withHandle(h -> h.createQuery("SELECT " + USER + ", " + TEAMS
                            + " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = :id AND s.user_id = :user "
                            + "AND s.revoked_at IS NULL AND s.expires_at > :now")
                    .bind("id", sessionId)
                    .bind("user", userId.value())
                    .bind("now", utc(now))
                    .map((rs, ctx) -> identity(rs))
                    .findOne());
        }

        private static Identity identity(ResultSet rs) throws SQLException {
            Array teams = rs.getArray("team_ids");
            Set<UUID> ids = new HashSet<>();
            for (Object id : (Object[]) teams.getArray()) {
                ids.add((UUID) id);
            }
            return new Identity(Users.read(rs), ids);
        }
    }

    /** Failed sign-ins, shared by all nodes. */
    public static final class Attempts implements LoginAttempts {
        private final Jdbi jdbi;

        public Attempts(Jdbi jdbi) {
            this.jdbi = jdbi;
        }

        @Override
        public LoginThrottle.Attempts get(String key) {
            return jdbi.withHandle(h -> h.createQuery(
                            "SELECT failures, locked_until FROM login_attempts WHERE email_key = :k")
                    .bind("k", key)
                    .map((rs, ctx) -> new LoginThrottle.Attempts(rs.getInt("failures"), instant(rs, "locked_until")))
                    .findOne()
                    .orElse(LoginThrottle.Attempts.NONE));
        }

        @Override
        public void save(String key, LoginThrottle.Attempts a) {
            jdbi.useHandle(h -> h.createUpdate(
                            "INSERT INTO login_attempts (email_key, failures, locked_until) "
                                    + "VALUES (:k, :f, :l) ON CONFLICT (email_key) DO UPDATE SET failures = :f, locked_until = :l")
                    .bind("k", key)
                    .bind("f", a.failures())
                    .bind("l", utc(a.lockedUntil()))
                    .execute());
        }

        @Override
        public void reset(String key) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_attempts WHERE email_key = :k")
                    .bind("k", key)
                    .execute());
        }
    }

    /** The audit trail. */
    public static final class Audit implements AuditTrail {
        private final Jdbi jdbi;

        public Audit(Jdbi jdbi) {
            this.jdbi = jdbi;
        }

        @Override
        public void record(Entry e) {
            jdbi.useHandle(h -> h.createUpdate(
                            "INSERT INTO audit_log (at, user_id, action, target_type, target_id, ip, "
                                    + "request_id, detail) VALUES (:at, CAST(:user AS UUID), :action, :type, :target, :ip, :rid, "
                                    + "CAST(:detail AS JSONB))")
                    .bind("at", utc(e.at()))
                    .bind("user", e.userId() == null ? null : e.userId().value().toString())
                    .bind("action", e.action())
                    .bind("type", e.targetType())
                    .bind("target", e.targetId())
                    .bind("ip", e.ip())
                    .bind("rid", e.requestId())
                    .bind("detail", Json.write(e.detail()))
                    .execute());
        }

        @Override
        public int deleteBefore(Instant cutoff) {
            return jdbi.withHandle(h -> h.createUpdate("DELETE FROM audit_log WHERE at < :cutoff")
                    .bind("cutoff", utc(cutoff))
                    .execute());
        }
    }
}
