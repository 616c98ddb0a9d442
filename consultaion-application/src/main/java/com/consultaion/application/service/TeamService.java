package com.consultaion.application.service;

import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.PermissionDenied;
import com.consultaion.application.port.in.Requester;
import com.consultaion.application.port.in.TeamUseCases;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.DebateRepository;
import com.consultaion.application.port.out.TeamRepository;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.DomainException;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.account.Email;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.DebateId;
import com.consultaion.domain.debate.UserId;
import com.consultaion.domain.team.Membership;
import com.consultaion.domain.team.Team;
import com.consultaion.domain.team.TeamMember;
import com.consultaion.domain.team.TeamRole;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Teams: the creator owns the team; owners manage every role, editors viewers and editors; a team keeps at least one
 * owner; members see shared debates.
 */
public final class TeamService implements TeamUseCases {

    private final TeamRepository teams;
    private final UserRepository users;
    private final DebateRepository debates;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;

    public TeamService(
            TeamRepository teams,
            UserRepository users,
            DebateRepository debates,
            AuditTrail audit,
            Transactions transactions,
            Clock clock) {
        this.teams = teams;
        this.transactions = transactions;
        this.users = users;
        this.debates = debates;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Membership create(Requester requester, String name, ClientContext client) {
        Instant now = clock.instant();
        Team team = new Team(UUID.randomUUID(), name, now);
        teams.create(team, requester.user().orElseThrow(), now);
        record(requester, "team_created", team.id(), client, Map.of());
        return new Membership(team, TeamRole.OWNER);
    }

    @Override
    public List<Membership> mine(Requester requester) {
        return requester.user().map(teams::teamsOf).orElse(List.of());
    }

    @Override
    public Optional<List<TeamMember>> members(Requester requester, UUID teamId) {
        return visible(requester, teamId).map(t -> teams.members(teamId));
    }

    @Override
    public Optional<TeamMember> addMember(
            Requester requester, UUID teamId, String email, String role, ClientContext client) {
        TeamRole wanted = TeamRole.parse(role);
        return transactions.inTransaction(() -> {
            if (visible(requester, teamId).isEmpty()) {
                return Optional.empty();
            }
            Map<UserId, TeamRole> roles = teams.lockRoles(teamId);
            // an admin acts as an owner would; a member acts in the role the locked rows give them now
            TeamRole actor = requester.admin()
                    ? TeamRole.OWNER
                    : requester.user().map(roles::get).orElse(null);
            if (actor == null) {
                return Optional.empty();
            }
            if (!actor.managesMembers()) {
                throw new PermissionDenied("only the team's owners and editors may add members");
            }
            User user = users.findByEmail(new Email(email))
                    .filter(User::canSignIn)
                    .orElseThrow(() ->
                            ValidationException.of("email", "team.user_not_found", "no active user has this e-mail"));
            TeamRole current = roles.get(user.id());
            if (!actor.mayAssign(current, wanted)) {
                throw new PermissionDenied("only the team's owners may grant, change or revoke the owner role");
            }
            long owners =
                    roles.values().stream().filter(r -> r == TeamRole.OWNER).count();
            if (current == TeamRole.OWNER && wanted != TeamRole.OWNER && owners == 1) {
                throw new DomainException(
                        "team.last_owner", "a team keeps at least one owner: make another member owner first");
            }
            Instant now = clock.instant();
            teams.upsertMember(teamId, user.id(), wanted, now);
            record(
                    requester,
                    current == null ? "team_member_added" : "team_member_role_changed",
                    teamId,
                    client,
                    current == null
                            ? Map.of("user_id", user.id().toString(), "role", wanted.wireName())
                            : Map.of(
                                    "user_id",
                                    user.id().toString(),
                                    "role",
                                    wanted.wireName(),
                                    "previous_role",
                                    current.wireName()));
            return Optional.of(new TeamMember(user.id(), user.email(), wanted, now));
        });
    }

    @Override
    public Optional<Debate> share(Requester requester, DebateId debateId, UUID teamId, ClientContext client) {
        Optional<Debate> found = debates.findById(debateId).filter(requester::canSee);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Debate debate = found.get();
        if (!requester.canControl(debate)) {
            throw new PermissionDenied("only the debate's owner may share it");
        }
        if (teamId != null && visible(requester, teamId).isEmpty()) {
            throw ValidationException.of("team_id", "team.not_found", "you are not a member of this team");
        }
        debates.shareWith(debateId, teamId);
        Debate saved = debates.findById(debateId).orElseThrow();
        record(
                requester,
                "debate_team_updated",
                debateId.value(),
                client,
                Map.of("team_id", teamId == null ? "" : teamId.toString()));
        return Optional.of(saved);
    }

    private Optional<Team> visible(Requester requester, UUID teamId) {
        Optional<Team> team = teams.findById(teamId);
        if (requester.admin()) {
            return team;
        }
        return team.filter(
                t -> requester.user().flatMap(u -> teams.roleOf(teamId, u)).isPresent());
    }

    private void record(
            Requester requester, String action, UUID target, ClientContext client, Map<String, String> detail) {
        audit.record(new AuditTrail.Entry(
                clock.instant(),
                requester.user().orElse(null),
                action,
                action.startsWith("debate") ? "debate" : "team",
                target.toString(),
                client.ip(),
                client.requestId(),
                detail));
    }
}
