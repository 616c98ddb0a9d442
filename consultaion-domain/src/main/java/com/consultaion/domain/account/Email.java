package com.consultaion.domain.account;

import com.consultaion.domain.Texts;
import com.consultaion.domain.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address, normalised (trimmed, lower-case) so that one person has one account. */
public record Email(String value) {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    public Email {
        if (value == null) {
            throw ValidationException.of("email", "email.required", "is required");
        }
        value = value.strip().toLowerCase(Locale.ROOT);
        if (!Texts.clean(value) || value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw ValidationException.of("email", "email.invalid", "must be an e-mail address");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
