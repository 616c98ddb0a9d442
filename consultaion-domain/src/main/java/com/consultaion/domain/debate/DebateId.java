package com.consultaion.domain.debate;

import com.consultaion.domain.ValidationException;
import java.util.Objects;
import java.util.UUID;

/** Identity of a debate: a random UUID. */
public record DebateId(UUID value) {

    public DebateId {
        Objects.requireNonNull(value, "value");
    }

    public static DebateId random() {
        return new DebateId(UUID.randomUUID());
    }

    /** Parses a client-supplied id; anything but a UUID is a validation error, never an exception leak. */
    public static DebateId parse(String text) {
        try {
            return new DebateId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ValidationException.of("id", "id.invalid", "must be a UUID");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
