package com.consultaion.application.port.in;

import com.consultaion.domain.debate.Debate;
import com.consultaion.domain.debate.UserId;
import java.util.Optional;

/**
 * Who asks: a user (possibly an admin), or the embedding application itself ({@link #system()}), which owns
 * debates with no user. Debate visibility is decided here, in one place.
 */
public record Requester(UserId userId, boolean admin) {

    private static final Requester SYSTEM = new Requester(null, true);

    public static Requester system() {
        return SYSTEM;
    }

    public static Requester user(UserId id, boolean admin) {
        return new Requester(java.util.Objects.requireNonNull(id, "id"), admin);
    }

    public Optional<UserId> user() {
        return Optional.ofNullable(userId);
    }

    /** Owner, admins and the embedding application see a debate; everyone else must not learn it exists. */
    public boolean canSee(Debate debate) {
        return admin || (userId != null && debate.ownerId().map(userId::equals).orElse(false));
    }

    /** Only the owner, admins and the embedding application may cancel or retry. */
    public boolean canControl(Debate debate) {
        return canSee(debate);
    }
}
