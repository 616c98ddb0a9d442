package com.consultaion.domain.account;

import com.consultaion.domain.ValidationException;

/** A new password: 10 to 200 characters, and not all of one class (letters only, digits only …). */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;

    private PasswordPolicy() {}

    public static void check(String password) {
        if (password == null || password.isEmpty()) {
            throw ValidationException.of("password", "password.required", "is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw ValidationException.of(
                    "password", "password.too_short", "must have at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw ValidationException.of(
                    "password", "password.too_long", "must have at most " + MAX_LENGTH + " characters");
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (classes < 2) {
            throw ValidationException.of(
                    "password",
                    "password.too_simple",
                    "must mix at least two kinds of characters (lower case, upper case, digits, symbols)");
        }
    }
}
