package com.consultaion.domain;

/**
 * Rules every free text obeys: no NUL and no other control character except tab, line feed and carriage return,
 * and no unpaired surrogate (PostgreSQL would store it as "?").
 * (PostgreSQL cannot store NUL in text, and control characters have no business in prompts or names.)
 */
public final class Texts {

    private Texts() {}

    public static boolean clean(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return wellFormed(value);
    }

    /** Whether every UTF-16 surrogate in {@code value} is one half of a pair (so the text is Unicode at all). */
    public static boolean wellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static void requireClean(String field, String value) {
        if (!clean(value)) {
            throw ValidationException.of(field, "text.control_characters", "must not contain control characters");
        }
    }
}
