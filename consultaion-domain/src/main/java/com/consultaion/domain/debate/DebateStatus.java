package com.consultaion.domain.debate;

import java.util.Locale;

/** Where a debate is in its life. Terminal states never change again, except {@code failed → queued} (retry). */
public enum DebateStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    COMPLETED_WITH_WARNINGS,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this != QUEUED && this != RUNNING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DebateStatus fromWireName(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
