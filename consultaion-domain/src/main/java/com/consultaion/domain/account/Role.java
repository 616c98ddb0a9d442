package com.consultaion.domain.account;

import java.util.Locale;

/** What a user may do beyond their own data. */
public enum Role {
    USER,
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
