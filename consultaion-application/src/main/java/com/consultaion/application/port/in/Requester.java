package com.consultaion.application.port.in;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.UserId;
import java.util.Optional;

/**
 * Who asks: a user (possibly an admin), or the embedding application itself ({@link #system()}), which owns
 * debates with no user. Debate visibility is decided here, in one place.
 */
public record Requester(@Nullable UserId userId, boolean admin, java.util.Set<java.util.UUID> teams) {

    private static final Requester SYSTEM = new Requester(null, true, java.util.Set.of());
    private static final Requester ANONYMOUS = new Requester(null, false, java.util.Set.of());

    public Requester {
        teams = teams == null ? java.util.Set.of() : java.util.Set.copyOf(teams);
    }

    public static Requester system() {
        return SYSTEM;
    }

    /** Nobody signed in: sees only what is public. */
    public static Requester anonymous() {
        return ANONYMOUS;
    }

    public static Requester user(UserId id, boolean admin) {
        return member(id, admin, java.util.Set.of());
    }

    /** A user who belongs to {@code teams}: the debates shared with them are visible too. */
    public static Requester member(UserId id, boolean admin, java.util.Set<java.util.UUID> teams) {
        return new Requester(java.util.Objects.requireNonNull(id, "id"), admin, teams);
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
    public boolean canSee(Optional<UserId> owner, Optional<java.util.UUID> team) {
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
