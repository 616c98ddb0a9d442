package com.consultaion.application.port.out;

import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.team.Membership;
import com.consultaion.domain.team.Team;
import com.consultaion.domain.team.TeamMember;
import com.consultaion.domain.team.TeamRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Port out: teams and their members. */
public interface TeamRepository {

    /** Stores a new team with its creator as owner. */
    void create(Team team, UserId owner, Instant now);

    Optional<Team> findById(UUID id);

    Optional<TeamRole> roleOf(UUID teamId, UserId userId);

    /** The teams a user belongs to, with the user's role in each. */
    List<Membership> teamsOf(UserId userId);

    List<TeamMember> members(UUID teamId);

    /**
     * Locks the team against concurrent membership changes until the enclosing transaction ends, and returns every
     * member's role (empty for an unknown team). Two owners demoting each other at once then cannot leave none.
     */
    Map<UserId, TeamRole> lockRoles(UUID teamId);

    /**
     * A user's erasure, for their teams: the names of the teams they own (text they wrote) become {@code marker},
     * their memberships end, and a team they leave without an owner gets its longest-standing member as owner.
     * Returns how many teams they left.
     */
    int leaveAll(UserId userId, String marker);

    /** Adds a member or changes an existing member's role. */
    void upsertMember(UUID teamId, UserId userId, TeamRole role, Instant now);
}
