package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.IdentityStore;
import com.consultaion.domain.debate.UserId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Who is behind a credential, each question in one statement: the key or session, its user, and the user's
 * team ids (an array), instead of three reads on every authenticated request.
 */
public final class JdbiIdentityStore implements IdentityStore {
    private static final String USER = Arrays.stream(JdbiUserRepository.COLUMNS.split(",", -1))
            .map(c -> "u." + c.strip())
            .collect(Collectors.joining(", "));
    private static final String KEY = Arrays.stream(JdbiApiKeyRepository.COLUMNS.split(",", -1))
            .map(c -> "k." + c.strip() + " AS key_" + c.strip())
            .collect(Collectors.joining(", "));
    private static final String TEAMS =
            "ARRAY(SELECT m.team_id FROM team_members m WHERE m.user_id = u.id) AS team_ids";
    private final Jdbi jdbi;

    public JdbiIdentityStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<KeyHolder> keysByPrefix(String prefix) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + KEY + ", " + USER + ", " + TEAMS
                        + " FROM api_keys k LEFT JOIN users u ON u.id = k.user_id WHERE k.prefix = :prefix")
                .bind("prefix", prefix)
                .map((rs, ctx) -> new KeyHolder(
                        JdbiApiKeyRepository.read(rs, "key_"),
                        rs.getObject("id", UUID.class) == null ? null : identity(rs)))
                .list());
    }

    @Override
    public Optional<Identity> sessionHolder(UUID sessionId, UserId userId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER + ", " + TEAMS
                        + " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = :id AND s.user_id = :user "
                        + "AND s.revoked_at IS NULL AND s.expires_at > :now")
                .bind("id", sessionId)
                .bind("user", userId.value())
                .bind("now", JdbiTimes.utc(now))
                .map((rs, ctx) -> identity(rs))
                .findOne());
    }

    private static Identity identity(ResultSet rs) throws SQLException {
        Array teams = rs.getArray("team_ids");
        Set<UUID> ids = new HashSet<>();
        for (Object id : (Object[]) teams.getArray()) {
            ids.add((UUID) id);
        }
        return new Identity(JdbiUserRepository.read(rs), ids);
    }
}
