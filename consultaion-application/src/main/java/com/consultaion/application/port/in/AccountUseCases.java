package com.consultaion.application.port.in;

import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Use cases: register, sign in, refresh, sign out, profile, erasure. */
public interface AccountUseCases {

    /** A new account, signed in. */
    SignedIn register(String email, String password, ClientContext client);

    /** Signs in, or throws {@link AuthenticationFailed} / {@link LockedOut}. */
    SignedIn login(String email, String password, ClientContext client);

    /** Trades a refresh token for a new pair; a reused (already rotated) token revokes its whole session. */
    SignedIn refresh(String refreshToken, ClientContext client);

    void logout(UUID sessionId, UserId userId, ClientContext client);

    Optional<User> me(UserId userId);

    /** Applies {@code change} to the user's profile: fields it leaves null are kept, blank ones cleared. */
    User updateProfile(UserId userId, User.Profile.Change change, ClientContext client);

    /**
     * An operator's act, never a user's: makes the existing, active account named by {@code account} (its e-mail
     * or its id) an admin, audited as {@code admin_granted} with {@code by} (e.g. "ADMIN_EMAILS at start-up").
     * Returns the account, or empty when no such account exists. Registration never grants the role.
     */
    Optional<User> grantAdmin(String account, String by);

    /** Erases the account: prompts and contributions of owned debates anonymised, sessions and keys revoked. */
    void deleteAccount(UserId userId, ClientContext client);

    /** Sets the privacy settings (the analytics opt-out); audited {@code privacy_settings_update}. */
    User updatePrivacy(UserId userId, boolean analyticsOptOut, ClientContext client);

    /** A session grant: the user, its session id and the plain refresh token (shown once, stored hashed). */
    record SignedIn(User user, UUID sessionId, String refreshToken, Instant refreshExpiresAt) {}

    /** Wrong e-mail or password (the two are never told apart). */
    final class AuthenticationFailed extends RuntimeException {
        private final String code;

        public AuthenticationFailed(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Too many failed sign-ins for this address: retry after {@code retryAfterSeconds}. */
    final class LockedOut extends RuntimeException {
        private final long retryAfterSeconds;

        public LockedOut(long retryAfterSeconds) {
            super("too many failed sign-ins; try again later");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** Registration refused because the address cannot be used (it already has an account). */
    final class EmailUnavailable extends RuntimeException {
        public EmailUnavailable() {
            super("this e-mail cannot be registered");
        }
    }
}
