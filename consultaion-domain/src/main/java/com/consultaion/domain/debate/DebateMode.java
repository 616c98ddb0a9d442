package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.ValidationException;
import java.util.Locale;

/** How a debate is run. */
public enum DebateMode {
    /** Draft, critique, judge, synthesise. */
    DEBATE,
    /** Seats with role profiles speak in phases; a chair writes the verdict. */
    PARLIAMENT,
    /** Delegates talk in rounds; a scribe summarises; a facilitator synthesises. */
    CONVERSATION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DebateMode parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return DEBATE;
        }
        for (DebateMode mode : values()) {
            if (mode.wireName().equals(value.strip())) {
                return mode;
            }
        }
        throw ValidationException.of("mode", "mode.invalid", "must be one of debate, parliament, conversation");
    }
}
