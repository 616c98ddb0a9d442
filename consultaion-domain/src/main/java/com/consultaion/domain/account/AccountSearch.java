package com.consultaion.domain.account;

import com.consultaion.domain.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Which accounts an operator lists; every criterion is optional. {@code email} is a literal, case-insensitive
 * substring; {@code createdFrom} inclusive, {@code createdBefore} exclusive; newest first unless
 * {@code oldestFirst}.
 */
public record AccountSearch(
        @Nullable String email,
        @Nullable Role role,
        @Nullable Status status,
        @Nullable String plan,
        @Nullable Instant createdFrom,
        @Nullable Instant createdBefore,
        boolean oldestFirst) {

    /** Everyone, newest first. */
    public static final AccountSearch ALL = new AccountSearch(null, null, null, null, null, null, false);

    /** Accounts as an operator sees them: enabled, disabled by an operator, or erased by their owner. */
    public enum Status {
        ACTIVE,
        DISABLED,
        DELETED;

        public static Status of(User u) {
            if (u.deletedAt() != null) {
                return DELETED;
            }
            return u.active() ? ACTIVE : DISABLED;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An account and its plan. */
    public record Listed(User user, String plan) {}

    /** One page of accounts and how many match in all. */
    public record Page(List<Listed> items, long total) {}
}
