package com.consultaion.application.port.in;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.UserId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who asks: a user (possibly an admin), or the embedding application itself ({@link #system()}), which owns
 * debates with no user. Debate visibility is decided here, in one place.
 */
public record Requester(@Nullable UserId userId, boolean admin, Set<UUID> teams) {

    private static final Requester SYSTEM = new Requester(null, true, Set.of());
    private static final Requester ANONYMOUS = new Requester(null, false, Set.of());

    public Requester {
        teams = teams == null ? Set.of() : Set.copyOf(teams);
    }

    public static Requester system() {
        return SYSTEM;
    }

    /** Nobody signed in: sees only what is public. */
    public static Requester anonymous() {
        return ANONYMOUS;
    }

    public static Requester user(UserId id, boolean admin) {
        return member(id, admin, Set.of());
    }

    /** A user who belongs to {@code teams}: the debates shared with them are visible too. */
    public static Requester member(UserId id, boolean admin, Set<UUID> teams) {
        return new Requester(Objects.requireNonNull(id, "id"), admin, teams);
    }

    public Optional<UserId> user() {
        return Optional.ofNullable(userId);
    }

    /**
     * Owner, members of the team it is shared with, admins and the embedding application see a debate; everyone
     * else must not learn it exists.
     */
    public boolean canSee(Debate debate) {
        return canSee(debate.ownerId(), debate.teamId());
    }

    /** The same rule for a debate known only by its owner and team (a row of a statistics query). */
    public boolean canSee(Optional<UserId> owner, Optional<UUID> team) {
        return owns(owner) || team.map(teams::contains).orElse(false);
    }

    /** Only the owner, admins and the embedding application may cancel, retry or share a debate. */
    public boolean canControl(Debate debate) {
        return owns(debate.ownerId());
    }

    private boolean owns(Optional<UserId> owner) {
        return admin || (userId != null && owner.map(userId::equals).orElse(false));
    }
}
