package com.consultaion.domain.team;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.ValidationException;
import java.util.Locale;

/** What a member may do: owners and editors manage members; every member sees the team's debates. */
public enum TeamRole {
    OWNER,
    EDITOR,
    VIEWER;

    public boolean managesMembers() {
        return this != VIEWER;
    }

    /**
     * Whether a member in this role may give {@code wanted} to a member whose role is now {@code current} (null for
     * someone not yet in the team). Owners grant and revoke every role; editors add or change viewers and editors
     * only, so they can neither make an owner nor touch one; viewers change nothing. That the last owner keeps the
     * role is a rule about the whole team, checked by the caller.
     */
    public boolean mayAssign(@Nullable TeamRole current, TeamRole wanted) {
        return switch (this) {
            case OWNER -> true;
            case EDITOR -> wanted != OWNER && current != OWNER;
            case VIEWER -> false;
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TeamRole parse(String value) {
        if (value == null || value.isBlank()) {
            return VIEWER;
        }
        for (TeamRole role : values()) {
            if (role.wireName().equals(value.strip())) {
                return role;
            }
        }
        throw ValidationException.of("role", "team.role_invalid", "must be owner, editor or viewer");
    }
}
