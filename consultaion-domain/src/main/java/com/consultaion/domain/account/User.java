package com.consultaion.domain.account;

import com.consultaion.domain.Nullable;
import com.consultaion.domain.Texts;
import com.consultaion.domain.Violations;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/** A person with an account. The password hash is opaque here: hashing is a port's job. */
public record User(
        UserId id,
        Email email,
        String passwordHash,
        Role role,
        Profile profile,
        boolean active,
        Instant createdAt,
        @Nullable Instant deletedAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }

    public boolean canSignIn() {
        return active && deletedAt == null;
    }

    public User withProfile(Profile p) {
        return new User(id, email, passwordHash, role, p, active, createdAt, deletedAt);
    }

    /** Enabled or disabled by an operator (a disabled user's sessions and keys stop working at once). */
    public User withActive(boolean a) {
        return new User(id, email, passwordHash, role, profile, a, createdAt, deletedAt);
    }

    public User withRole(Role r) {
        return new User(id, email, passwordHash, r, profile, active, createdAt, deletedAt);
    }

    public User withPasswordHash(String hash) {
        return new User(id, email, hash, role, profile, active, createdAt, deletedAt);
    }

    /** Account erasure: the e-mail is replaced so it can be registered again; the row stays for integrity. */
    public User erased(Instant now) {
        return new User(
                id,
                new Email("deleted-" + id.value() + "@invalid.example"),
                "!",
                role,
                Profile.EMPTY,
                false,
                createdAt,
                now);
    }

    /**
     * What a user says about themselves; every field is optional and bounded. {@code emailSummaries}: whether
     * they wish e-mailed summaries of their debates (kept and shown; no e-mail is sent yet). {@code analyticsOptOut}:
     * the original service's analytics opt-out (kept and shown; this service sends no analytics anywhere).
     */
    public record Profile(
            @Nullable String displayName,
            @Nullable String avatarUrl,
            @Nullable String bio,
            @Nullable String timezone,
            boolean emailSummaries,
            boolean analyticsOptOut) {
        /** The zone database's region ids ("Europe/Paris", "UTC", ...); offsets and abbreviations are not zones. */
        private static final Set<String> KNOWN_ZONES = ZoneId.getAvailableZoneIds();

        public static final Profile EMPTY = new Profile(null, null, null, null, false, false);

        /** This profile with what {@code change} sets: a field it leaves null stays; a blank one is cleared. */
        public Profile with(Change change) {
            return new Profile(
                    change.displayName() == null ? displayName : change.displayName(),
                    change.avatarUrl() == null ? avatarUrl : change.avatarUrl(),
                    change.bio() == null ? bio : change.bio(),
                    change.timezone() == null ? timezone : change.timezone(),
                    change.emailSummaries() == null ? emailSummaries : change.emailSummaries(),
                    change.analyticsOptOut() == null ? analyticsOptOut : change.analyticsOptOut());
        }

        public Profile {
            Violations v = new Violations();
            displayName = blankToNull(displayName);
            avatarUrl = blankToNull(avatarUrl);
            bio = blankToNull(bio);
            timezone = blankToNull(timezone);
            v.check(
                    displayName == null || displayName.length() <= 80,
                    "display_name",
                    "profile.too_long",
                    "at most 80 characters");
            v.check(bio == null || bio.length() <= 1000, "bio", "profile.too_long", "at most 1000 characters");
            v.check(
                    avatarUrl == null || (avatarUrl.length() <= 500 && avatarUrl.matches("https://\\S+")),
                    "avatar_url",
                    "profile.url",
                    "must be an https URL of at most 500 characters");
            v.check(
                    timezone == null || (timezone.length() <= 64 && KNOWN_ZONES.contains(timezone)),
                    "timezone",
                    "profile.timezone",
                    "must be an IANA time zone such as Europe/Paris");
            for (String[] f : new String[][] {
                {"display_name", displayName}, {"bio", bio}, {"avatar_url", avatarUrl}, {"timezone", timezone}
            }) {
                v.check(Texts.clean(f[1]), f[0], "text.control_characters", "must not contain control characters");
            }
            v.throwIfAny();
        }

        private static @Nullable String blankToNull(@Nullable String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }

        /**
         * What a profile update sets, as the original service reads it: a field left null (or out) is kept, a
         * blank string clears it, anything else replaces it (and is checked as the profile checks it).
         */
        public record Change(
                @Nullable String displayName,
                @Nullable String avatarUrl,
                @Nullable String bio,
                @Nullable String timezone,
                @Nullable Boolean emailSummaries,
                @Nullable Boolean analyticsOptOut) {

            /** A change of the privacy settings only. */
            public static Change privacy(boolean analyticsOptOut) {
                return new Change(null, null, null, null, null, analyticsOptOut);
            }
        }
    }
}
