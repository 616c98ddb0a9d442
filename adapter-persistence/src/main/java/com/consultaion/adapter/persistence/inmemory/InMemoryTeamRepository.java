package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.TeamRepository;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.team.Membership;
import com.consultaion.domain.team.Team;
import com.consultaion.domain.team.TeamMember;
import com.consultaion.domain.team.TeamRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Teams and members in memory. */
public final class InMemoryTeamRepository implements TeamRepository {

    private record Row(TeamRole role, Instant since) {}

    private final InMemoryDatabase db;
    private final UserRepository users;
    private final Map<UUID, Team> teams = new HashMap<>();
    private final Map<UUID, Map<UserId, Row>> members = new HashMap<>();

    public InMemoryTeamRepository(InMemoryDatabase db, UserRepository users) {
        this.db = db;
        this.users = users;
    }

    @Override
    public void create(Team team, UserId owner, Instant now) {
        db.write(() -> {
            teams.put(team.id(), team);
            Map<UserId, Row> m = new LinkedHashMap<>();
            m.put(owner, new Row(TeamRole.OWNER, now));
            members.put(team.id(), m);
            return () -> {
                teams.remove(team.id());
                members.remove(team.id());
            };
        });
    }

    @Override
    public Optional<Team> findById(UUID id) {
        return db.read(() -> Optional.ofNullable(teams.get(id)));
    }

    @Override
    public Optional<TeamRole> roleOf(UUID teamId, UserId userId) {
        return db.read(
                () -> Optional.ofNullable(members.getOrDefault(teamId, Map.of()).get(userId))
                        .map(Row::role));
    }

    @Override
    public List<Membership> teamsOf(UserId userId) {
        return db.read(() -> {
            List<Membership> out = new ArrayList<>();
            members.forEach((teamId, m) -> {
                Row row = m.get(userId);
                if (row != null) {
                    out.add(new Membership(teams.get(teamId), row.role()));
                }
            });
            out.sort(Comparator.comparing((Membership x) -> x.team().createdAt())
                    .thenComparing(x -> x.team().id()));
            return out;
        });
    }

    @Override
    public List<TeamMember> members(UUID teamId) {
        return db.read(() -> members.getOrDefault(teamId, Map.of()).entrySet().stream()
                .map(e -> new TeamMember(
                        e.getKey(),
                        users.findById(e.getKey()).orElseThrow().email(),
                        e.getValue().role(),
                        e.getValue().since()))
                .toList());
    }

    @Override
    public Map<UserId, TeamRole> lockRoles(UUID teamId) {
        // the in-memory unit of work holds the database's write lock to its end, so a read inside it is the lock
        return db.read(() -> {
            Map<UserId, TeamRole> roles = new LinkedHashMap<>();
            members.getOrDefault(teamId, Map.of()).forEach((user, row) -> roles.put(user, row.role()));
            return roles;
        });
    }

    @Override
    public int leaveAll(UserId userId, String marker) {
        int[] left = new int[1];
        db.write(() -> {
            Map<UUID, Team> teamsBefore = new HashMap<>(teams);
            Map<UUID, Map<UserId, Row>> membersBefore = new HashMap<>();
            members.forEach((id, m) -> membersBefore.put(id, new LinkedHashMap<>(m)));
            members.forEach((teamId, m) -> {
                Row mine = m.remove(userId);
                if (mine == null) {
                    return;
                }
                left[0]++;
                if (mine.role() == TeamRole.OWNER) {
                    Team t = teams.get(teamId);
                    teams.put(teamId, new Team(t.id(), marker, t.createdAt()));
                }
                boolean owned = m.values().stream().anyMatch(r -> r.role() == TeamRole.OWNER);
                if (!owned) {
                    m.entrySet().stream()
                            .min(Comparator.comparing((Map.Entry<UserId, Row> e) ->
                                            e.getValue().since())
                                    .thenComparing(e -> e.getKey().value()))
                            .ifPresent(heir -> m.put(
                                    heir.getKey(),
                                    new Row(TeamRole.OWNER, heir.getValue().since())));
                }
            });
            return () -> {
                teams.clear();
                teams.putAll(teamsBefore);
                members.clear();
                members.putAll(membersBefore);
            };
        });
        return left[0];
    }

    @Override
    public void upsertMember(UUID teamId, UserId userId, TeamRole role, Instant now) {
        db.write(() -> {
            Map<UserId, Row> m = members.get(teamId);
            Row old = m.get(userId);
            m.put(userId, new Row(role, old == null ? now : old.since()));
            return () -> {
                if (old == null) {
                    m.remove(userId);
                } else {
                    m.put(userId, old);
                }
            };
        });
    }
}
