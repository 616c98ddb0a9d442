package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.TeamRepository;
import com.consultaion.domain.account.Email;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.team.Membership;
import com.consultaion.domain.team.Team;
import com.consultaion.domain.team.TeamMember;
import com.consultaion.domain.team.TeamRole;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Teams and members in PostgreSQL. */
public final class JdbiTeamRepository implements TeamRepository {

    private final Jdbi jdbi;

    public JdbiTeamRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void create(Team team, UserId owner, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO teams (id, name, created_at) VALUES (:id, :name, :at)")
                    .bind("id", team.id())
                    .bind("name", team.name())
                    .bind("at", JdbiTimes.utc(team.createdAt()))
                    .execute();
            h.createUpdate(
                            "INSERT INTO team_members (team_id, user_id, role, created_at) VALUES (:team, :user, 'owner', :at)")
                    .bind("team", team.id())
                    .bind("user", owner.value())
                    .bind("at", JdbiTimes.utc(now))
                    .execute();
        });
    }

    @Override
    public Optional<Team> findById(UUID id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, created_at FROM teams WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Team(
                        rs.getObject("id", UUID.class), rs.getString("name"), JdbiTimes.instant(rs, "created_at")))
                .findOne());
    }

    @Override
    public Optional<TeamRole> roleOf(UUID teamId, UserId userId) {
        return jdbi.withHandle(
                h -> h.createQuery("SELECT role FROM team_members WHERE team_id = :team AND user_id = :user")
                        .bind("team", teamId)
                        .bind("user", userId.value())
                        .map((rs, ctx) -> TeamRole.parse(rs.getString("role")))
                        .findOne());
    }

    @Override
    public List<Membership> teamsOf(UserId userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT t.id, t.name, t.created_at, m.role FROM team_members m "
                        + "JOIN teams t ON t.id = m.team_id WHERE m.user_id = :user ORDER BY t.created_at, t.id")
                .bind("user", userId.value())
                .map((rs, ctx) -> new Membership(
                        new Team(
                                rs.getObject("id", UUID.class),
                                rs.getString("name"),
                                JdbiTimes.instant(rs, "created_at")),
                        TeamRole.parse(rs.getString("role"))))
                .list());
    }

    @Override
    public List<TeamMember> members(UUID teamId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT m.user_id, u.email, m.role, m.created_at FROM team_members m "
                        + "JOIN users u ON u.id = m.user_id WHERE m.team_id = :team ORDER BY m.created_at, m.user_id")
                .bind("team", teamId)
                .map((rs, ctx) -> new TeamMember(
                        new UserId(rs.getObject("user_id", UUID.class)),
                        new Email(rs.getString("email")),
                        TeamRole.parse(rs.getString("role")),
                        JdbiTimes.instant(rs, "created_at")))
                .list());
    }

    @Override
    public Map<UserId, TeamRole> lockRoles(UUID teamId) {
        return jdbi.withHandle(h -> {
            h.createQuery("SELECT id FROM teams WHERE id = :team FOR UPDATE")
                    .bind("team", teamId)
                    .mapTo(UUID.class)
                    .findOne();
            Map<UserId, TeamRole> roles = new LinkedHashMap<>();
            h.createQuery("SELECT user_id, role FROM team_members WHERE team_id = :team")
                    .bind("team", teamId)
                    .map((rs, ctx) -> Map.entry(
                            new UserId(rs.getObject("user_id", UUID.class)), TeamRole.parse(rs.getString("role"))))
                    .forEach(e -> roles.put(e.getKey(), e.getValue()));
            return roles;
        });
    }

    @Override
    public int leaveAll(UserId userId, String marker) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("UPDATE teams SET name = :marker WHERE id IN "
                            + "(SELECT team_id FROM team_members WHERE user_id = :user AND role = 'owner')")
                    .bind("marker", marker)
                    .bind("user", userId.value())
                    .execute();
            List<UUID> left = h.createQuery("DELETE FROM team_members WHERE user_id = :user RETURNING team_id")
                    .bind("user", userId.value())
                    .mapTo(UUID.class)
                    .list();
            if (!left.isEmpty()) {
                h.createUpdate("UPDATE team_members m SET role = 'owner' FROM ("
                                + "SELECT DISTINCT ON (team_id) team_id, user_id FROM team_members t "
                                + "WHERE team_id = ANY(:left) AND NOT EXISTS (SELECT 1 FROM team_members o "
                                + "WHERE o.team_id = t.team_id AND o.role = 'owner') "
                                + "ORDER BY team_id, created_at, user_id) heir "
                                + "WHERE m.team_id = heir.team_id AND m.user_id = heir.user_id")
                        .bind("left", left.toArray(UUID[]::new))
                        .execute();
            }
            return left.size();
        });
    }

    @Override
    public void upsertMember(UUID teamId, UserId userId, TeamRole role, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO team_members (team_id, user_id, role, created_at) "
                        + "VALUES (:team, :user, :role, :at) ON CONFLICT (team_id, user_id) DO UPDATE SET role = :role")
                .bind("team", teamId)
                .bind("user", userId.value())
                .bind("role", role.wireName())
                .bind("at", JdbiTimes.utc(now))
                .execute());
    }
}
