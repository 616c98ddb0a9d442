package com.consultaion.domain.debate;

import java.util.Objects;
import java.util.UUID;

/** Identity of a user who owns debates. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
