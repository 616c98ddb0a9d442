package com.consultaion.domain.team;

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
