package com.consultaion.domain.team;

import com.consultaion.domain.Texts;
import com.consultaion.domain.ValidationException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A group of users who share debates. */
public record Team(UUID id, String name, Instant createdAt) {

    public Team {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        name = name == null ? "" : name.strip();
        if (name.isEmpty() || name.length() > 100 || !Texts.clean(name)) {
            throw ValidationException.of(
                    "name", "team.name_invalid", "must have 1-100 characters and no control characters");
        }
    }
}
