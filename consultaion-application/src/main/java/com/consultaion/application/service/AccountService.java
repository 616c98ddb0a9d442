package com.consultaion.application.service;

import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.out.ApiKeyRepository;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.ContentEraser;
import com.consultaion.application.port.out.LoginAttempts;
import com.consultaion.application.port.out.PasswordHasher;
import com.consultaion.application.port.out.SessionRepository;
import com.consultaion.application.port.out.TeamRepository;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.ValidationException;
import com.consultaion.domain.Violations;
import com.consultaion.domain.account.Email;
import com.consultaion.domain.account.LoginThrottle;
import com.consultaion.domain.account.PasswordPolicy;
import com.consultaion.domain.account.Role;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Use cases of accounts. Sign-in costs the same for unknown addresses (a dummy hash is verified) and is locked
 * per address after repeated failures; refresh tokens rotate, and reusing a rotated one revokes its session.
 */
public final class AccountService implements AccountUseCases {

    public static final Duration SESSION_LIFETIME = Duration.ofDays(30);

    private final UserRepository users;
    private final SessionRepository sessions;
    private final ApiKeyRepository apiKeys;
    private final LoginAttempts attempts;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final ContentEraser eraser;
    private final TeamRepository teams;
    private final Transactions transactions;
    private final Clock clock;
    private final String dummyHash;

    public AccountService(
            UserRepository users,
            SessionRepository sessions,
            ApiKeyRepository apiKeys,
            LoginAttempts attempts,
            PasswordHasher hasher,
            AuditTrail audit,
            ContentEraser eraser,
            TeamRepository teams,
            Transactions transactions,
            Clock clock) {
        this.teams = teams;
        this.users = users;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.attempts = attempts;
        this.hasher = hasher;
        this.audit = audit;
        this.eraser = eraser;
        this.transactions = transactions;
        this.clock = clock;
        this.dummyHash = hasher.hash(Secrets.token(24));
    }

    @Override
    public SignedIn register(String email, String password, ClientContext client) {
        Violations v = new Violations();
        Email address = v.capture("", () -> new Email(email));
        v.capture("", () -> {
            PasswordPolicy.check(password);
            return null;
        });
        v.throwIfAny();
        Instant now = clock.instant();
        User user = new User(
                new UserId(UUID.randomUUID()),
                Objects.requireNonNull(address),
                hasher.hash(password),
                Role.USER, // admin is an operator's grant on an existing account (grantAdmin), never a claim
                User.Profile.EMPTY,
                true,
                now,
                null);
        try {
            return transactions.inTransaction(() -> {
                users.insert(user);
                SignedIn signedIn = openSession(user, now);
                record(now, user.id(), "register", "user", user.id().toString(), client, Map.of());
                return signedIn;
            });
        } catch (UserRepository.EmailTakenException e) {
            record(now, null, "register_refused", "user", null, client, Map.of("reason", "email_taken"));
            throw new EmailUnavailable();
        }
    }

    @Override
    public SignedIn login(String email, String password, ClientContext client) {
        Instant now = clock.instant();
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String key = Secrets.sha256Hex(normalised);
        LoginThrottle.Attempts state = attempts.get(key);
        if (state.lockedAt(now)) {
            throw new LockedOut(
                    Math.max(1, Duration.between(now, state.lockedUntil()).toSeconds()));
        }
        Optional<User> found = Optional.empty();
        try {
            found = users.findByEmail(new Email(normalised));
        } catch (ValidationException ignored) {
            // not an address: treated exactly like an unknown one
        }
        String candidateHash = found.map(User::passwordHash).orElse(dummyHash);
        boolean matches = hasher.verify(password == null ? "" : password, candidateHash);
        if (!matches || found.isEmpty() || !found.get().canSignIn()) {
            LoginThrottle.Attempts next = state.failed(now);
            attempts.save(key, next);
            record(now, found.map(User::id).orElse(null), "login_failed", "user", null, client, Map.of());
            if (next.lockedAt(now) && !state.lockedAt(now)) {
                record(
                        now,
                        found.map(User::id).orElse(null),
                        "lockout",
                        "user",
                        null,
                        client,
                        Map.of("failures", String.valueOf(next.failures())));
            }
            throw new AuthenticationFailed("auth.invalid_credentials", "the e-mail or password is wrong");
        }
        User user = found.get();
        attempts.reset(key);
        if (hasher.needsRehash(user.passwordHash())) {
            user = user.withPasswordHash(hasher.hash(password));
            users.update(user);
        }
        User signedInUser = user;
        SignedIn signedIn = transactions.inTransaction(() -> openSession(signedInUser, now));
        record(now, user.id(), "login", "session", signedIn.sessionId().toString(), client, Map.of());
        return signedIn;
    }

    @Override
    public SignedIn refresh(String refreshToken, ClientContext client) {
        Instant now = clock.instant();
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 200) {
            throw new AuthenticationFailed("auth.invalid_refresh", "the refresh token is not valid");
        }
        byte[] hash = Secrets.sha256(refreshToken);
        SessionRepository.RefreshToken stored = sessions.findRefresh(hash)
                .orElseThrow(() -> new AuthenticationFailed("auth.invalid_refresh", "the refresh token is not valid"));
        if (stored.sessionRevokedAt() != null || !stored.expiresAt().isAfter(now)) {
            throw new AuthenticationFailed("auth.invalid_refresh", "the session has ended; sign in again");
        }
        if (stored.rotatedAt() != null) {
            throw reuseDetected(stored, now, client);
        }
        User user = users.findById(stored.userId())
                .filter(User::canSignIn)
                .orElseThrow(
                        () -> new AuthenticationFailed("auth.invalid_refresh", "the session has ended; sign in again"));
        String next = Secrets.token(32);
        if (!sessions.rotate(hash, Secrets.sha256(next), now)) {
            throw reuseDetected(stored, now, client);
        }
        return new SignedIn(user, stored.sessionId(), next, stored.expiresAt());
    }

    /** A used refresh token came back (stolen, or replayed): end the whole session, record it, refuse. */
    private AuthenticationFailed reuseDetected(
            SessionRepository.RefreshToken stored, Instant now, ClientContext client) {
        sessions.revokeSession(stored.sessionId(), now);
        record(
                now,
                stored.userId(),
                "refresh_reuse",
                "session",
                stored.sessionId().toString(),
                client,
                Map.of());
        return new AuthenticationFailed(
                "auth.refresh_reused", "this refresh token was already used; the session has been ended for safety");
    }

    @Override
    public void logout(UUID sessionId, UserId userId, ClientContext client) {
        Instant now = clock.instant();
        sessions.revokeSession(sessionId, now);
        record(now, userId, "logout", "session", sessionId.toString(), client, Map.of());
    }

    @Override
    public Optional<User> me(UserId userId) {
        return users.findById(userId).filter(User::canSignIn);
    }

    @Override
    public Optional<User> grantAdmin(String account, String by) {
        String named = account == null ? "" : account.strip();
        return transactions.inTransaction(() -> {
            Optional<User> found;
            try {
                found = users.findById(new UserId(UUID.fromString(named)));
            } catch (IllegalArgumentException notAnId) {
                found = named.contains("@") ? users.findByEmail(new Email(named)) : Optional.empty();
            }
            Optional<User> active = found.filter(User::canSignIn);
            active.filter(u -> u.role() != Role.ADMIN).ifPresent(u -> {
                users.update(u.withRole(Role.ADMIN));
                // the operator acts, not a user: no actor; who granted it is in the detail
                record(
                        clock.instant(),
                        null,
                        "admin_granted",
                        "user",
                        u.id().toString(),
                        ClientContext.NONE,
                        Map.of("by", by));
            });
            return active.map(u -> u.withRole(Role.ADMIN));
        });
    }

    @Override
    public User updateProfile(UserId userId, User.Profile.Change change, ClientContext client) {
        User user = me(userId).orElseThrow(() -> new AuthenticationFailed("auth.required", "sign in again"));
        User updated = user.withProfile(user.profile().with(change));
        users.update(updated);
        record(clock.instant(), userId, "profile_update", "user", userId.toString(), client, Map.of());
        return updated;
    }

    @Override
    public User updatePrivacy(UserId userId, boolean analyticsOptOut, ClientContext client) {
        User user = me(userId).orElseThrow(() -> new AuthenticationFailed("auth.required", "sign in again"));
        User updated = user.withProfile(user.profile().with(User.Profile.Change.privacy(analyticsOptOut)));
        users.update(updated);
        record(
                clock.instant(),
                userId,
                "privacy_settings_update",
                "user",
                userId.toString(),
                client,
                Map.of("analytics_opt_out", Boolean.toString(analyticsOptOut)));
        return updated;
    }

    @Override
    public void deleteAccount(UserId userId, ClientContext client) {
        Instant now = clock.instant();
        User user = me(userId).orElseThrow(() -> new AuthenticationFailed("auth.required", "sign in again"));
        transactions.run(() -> {
            int erased = eraser.eraseOwnedBy(userId, now);
            teams.leaveAll(userId, ContentEraser.MARKER);
            sessions.revokeAllForUser(userId, now);
            apiKeys.revokeAllForUser(userId, now);
            users.update(user.erased(now));
            record(
                    now,
                    userId,
                    "account_deleted",
                    "user",
                    userId.toString(),
                    client,
                    Map.of("debates_erased", String.valueOf(erased)));
        });
    }

    /** A new session for {@code user} (also for sign-ins through an identity provider). */
    SignedIn openSession(User user, Instant now) {
        UUID sessionId = UUID.randomUUID();
        String token = Secrets.token(32);
        Instant expires = now.plus(SESSION_LIFETIME);
        sessions.create(sessionId, user.id(), Secrets.sha256(token), now, expires);
        return new SignedIn(user, sessionId, token, expires);
    }

    private void record(
            Instant at,
            @Nullable UserId user,
            String action,
            String type,
            @Nullable String id,
            ClientContext client,
            Map<String, String> detail) {
        audit.record(new AuditTrail.Entry(at, user, action, type, id, client.ip(), client.requestId(), detail));
    }
}
