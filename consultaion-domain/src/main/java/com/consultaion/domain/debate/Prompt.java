package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.Texts;
import com.consultaion.domain.ValidationException;

/** The user's question: 10 to 5000 characters after trimming. */
public record Prompt(String text) {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 5000;

    /** The text as a client sent it (null: absent). */
    public static Prompt of(@Nullable String text) {
        if (text == null) {
            throw ValidationException.of("prompt", "prompt.required", "is required");
        }
        return new Prompt(text);
    }

    public Prompt {
        if (text == null) {
            throw ValidationException.of("prompt", "prompt.required", "is required");
        }
        Texts.requireClean("prompt", text);
        text = text.strip();
        int length = text.codePointCount(0, text.length());
        if (length < MIN_LENGTH) {
            throw ValidationException.of(
                    "prompt", "prompt.too_short", "must have at least " + MIN_LENGTH + " characters after trimming");
        }
        if (length > MAX_LENGTH) {
            throw ValidationException.of(
                    "prompt", "prompt.too_long", "must have at most " + MAX_LENGTH + " characters");
        }
    }
}
