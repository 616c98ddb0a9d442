package com.consultaion.domain.debate;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A debate's category, as the leaderboard groups it: 1–64 letters, digits, spaces, {@code -} or {@code _}, compared
 * in lower case with single spaces ("Urban  Planning" and "urban planning" are one category).
 */
public final class Category {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N} _-]+");

    private Category() {}

    /** The normal form, or null for none (null or blank). */
    public static @Nullable String normalize(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String c = raw.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (c.length() > MAX_LENGTH || !ALLOWED.matcher(c).matches()) {
            throw ValidationException.of(
                    "category", "category.invalid", "must be 1 to " + MAX_LENGTH + " letters, digits, spaces, - or _");
        }
        return c;
    }
}
