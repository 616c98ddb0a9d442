package com.consultaion.application.port.in;

import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.team.Membership;
import com.consultaion.domain.team.TeamMember;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Use cases: teams, their members, and sharing a debate with a team. A team the requester does not belong to
 * is "not found" (admins see every team).
 */
public interface TeamUseCases {

    Membership create(Requester requester, String name, ClientContext client);

    List<Membership> mine(Requester requester);

    Optional<List<TeamMember>> members(Requester requester, UUID teamId);

    /** Owners, editors and admins add members or change roles; others get {@link PermissionDenied}. */
    Optional<TeamMember> addMember(Requester requester, UUID teamId, String email, String role, ClientContext client);

    /** The debate's owner (or an admin) shares it with a team they belong to, or unshares it (null team). */
    Optional<Debate> share(Requester requester, DebateId debateId, UUID teamId, ClientContext client);
}
