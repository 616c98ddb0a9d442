package com.consultaion.application.service;

import com.consultaion.application.port.in.AccountUseCases;
import com.consultaion.application.port.in.ClientContext;
import com.consultaion.application.port.in.ExternalSignInUseCase;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.ExternalSignInStore;
import com.consultaion.application.port.out.IdentityProvider;
import com.consultaion.application.port.out.PasswordHasher;
import com.consultaion.application.port.out.Transactions;
import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.Nullable;
import com.consultaion.domain.account.Email;
import com.consultaion.domain.account.Role;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in through OpenID Connect providers. The pending request lives in the shared store (state hashed, taken
 * once, ten minutes); the browser keeps a binding value, so a callback carried into another browser fails. A
 * provider's subject is linked to one account: on first sign-in to the account that has the same e-mail, but only
 * when the provider says the e-mail is verified; otherwise a new account is made (with a random password nobody
 * knows: the account signs in through the provider).
 */
public final class ExternalSignInService implements ExternalSignInUseCase {

    /** How long a started sign-in may take. */
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(10);

    private final Map<String, IdentityProvider> providers = new LinkedHashMap<>();
    private final ExternalSignInStore store;
    private final UserRepository users;
    private final AccountService accounts;
    private final PasswordHasher hasher;
    private final Transactions transactions;
    private final AuditTrail audit;
    private final Clock clock;

    public ExternalSignInService(
            List<IdentityProvider> providers,
            ExternalSignInStore store,
            UserRepository users,
            AccountService accounts,
            PasswordHasher hasher,
            Transactions transactions,
            AuditTrail audit,
            Clock clock) {
        providers.forEach(p -> this.providers.put(p.name(), p));
        this.store = store;
        this.users = users;
        this.accounts = accounts;
        this.hasher = hasher;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    private IdentityProvider provider(String name) {
        IdentityProvider p = providers.get(name);
        if (p == null) {
            throw new NotConfigured(name);
        }
        return p;
    }

    /** A path on this site: one leading slash, no scheme, host or backslash; anything else is {@code /}. */
    static String safeNext(@Nullable String next) {
        if (next == null
                || next.length() > 512
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return "/";
        }
        return next;
    }

    @Override
    public Started begin(String providerName, @Nullable String next, URI redirectUri) {
        IdentityProvider provider = provider(providerName);
        IdentityProvider.Authorization request;
        try {
            request = provider.authorize(redirectUri);
        } catch (IdentityProvider.Unavailable e) {
            throw new ProviderUnavailable("The sign-in provider could not be reached; try again shortly.");
        }
        String binding = Secrets.token(32);
        Instant now = clock.instant();
        store.purgeChallenges(now);
        store.saveChallenge(new ExternalSignInStore.Challenge(
                Secrets.sha256Hex(request.state()),
                provider.name(),
                request.nonce(),
                request.codeVerifier(),
                Secrets.sha256Hex(binding),
                safeNext(next),
                now.plus(CHALLENGE_LIFETIME)));
        return new Started(request.url(), binding);
    }

    @Override
    public Completed complete(
            String providerName,
            @Nullable String state,
            @Nullable String code,
            @Nullable String binding,
            URI redirectUri,
            ClientContext client) {
        IdentityProvider provider = provider(providerName);
        if (state == null || state.isBlank() || code == null || code.isBlank()) {
            throw new InvalidState("The sign-in callback lacks its code or state.");
        }
        Instant now = clock.instant();
        // Taken before anything else: a replayed state finds nothing, whatever happens next.
        ExternalSignInStore.Challenge challenge = store.takeChallenge(Secrets.sha256Hex(state), now)
                .filter(c -> c.provider().equals(provider.name()))
                .orElseThrow(() -> new InvalidState("This sign-in is unknown, used or expired; start again."));
        if (binding == null || !Secrets.sha256Hex(binding).equals(challenge.bindingHash())) {
            audit(now, null, "login_external_failed", client, Map.of("provider", provider.name(), "reason", "binding"));
            throw new InvalidState("This sign-in was started in another browser; start again.");
        }
        IdentityProvider.Identity identity;
        try {
            identity = provider.redeem(code, challenge.codeVerifier(), challenge.nonce(), redirectUri);
        } catch (IdentityProvider.Unavailable e) {
            throw new ProviderUnavailable("The sign-in provider could not be reached; try again shortly.");
        } catch (IdentityProvider.Rejected e) {
            audit(now, null, "login_external_failed", client, Map.of("provider", provider.name(), "reason", "token"));
            throw new AccountUseCases.AuthenticationFailed(
                    "auth.invalid_identity", "The sign-in provider's answer could not be verified.");
        }
        String next = challenge.next() == null ? "/" : challenge.next();
        return new Completed(signIn(provider.name(), identity, now, client), next);
    }

    private AccountUseCases.SignedIn signIn(
            String provider, IdentityProvider.Identity identity, Instant now, ClientContext client) {
        if (store.linkedUser(identity.issuer(), identity.subject()).isEmpty()
                && (identity.email() == null || !identity.emailVerified())) {
            // Checked (and audited) outside the transaction below, whose failure would undo the entry.
            audit(now, null, "login_external_failed", client, Map.of("provider", provider, "reason", "email"));
            throw new AccountUseCases.AuthenticationFailed(
                    "auth.email_not_verified", "The sign-in provider has not verified this account's e-mail address.");
        }
        return transactions.inTransaction(() -> {
            Optional<UserId> linked = store.linkedUser(identity.issuer(), identity.subject());
            User user;
            String action;
            if (linked.isPresent()) {
                user = users.findById(linked.get()).orElseThrow(() -> refused("auth.invalid_identity"));
                action = "login_external";
            } else {
                if (identity.email() == null || !identity.emailVerified()) {
                    throw refused("auth.email_not_verified");
                }
                Email email;
                try {
                    email = new Email(identity.email());
                } catch (RuntimeException e) {
                    throw refused("auth.invalid_identity");
                }
                Optional<User> existing = users.findByEmail(email);
                if (existing.isPresent()) {
                    user = existing.get();
                    action = "identity_linked";
                } else {
                    user = new User(
                            new UserId(UUID.randomUUID()),
                            email,
                            hasher.hash(Secrets.token(32)),
                            Role.USER,
                            User.Profile.EMPTY,
                            true,
                            now,
                            null);
                    users.insert(user);
                    action = "register_external";
                }
                if (user.canSignIn()) {
                    store.link(identity.issuer(), identity.subject(), user.id(), now);
                }
            }
            if (!user.canSignIn()) {
                throw refused("auth.invalid_credentials");
            }
            AccountUseCases.SignedIn signedIn = accounts.openSession(user, now);
            audit(now, user.id(), action, client, Map.of("provider", provider));
            return signedIn;
        });
    }

    private static AccountUseCases.AuthenticationFailed refused(String code) {
        return new AccountUseCases.AuthenticationFailed(code, "This account cannot sign in.");
    }

    private void audit(
            Instant at, @Nullable UserId user, String action, ClientContext client, Map<String, String> detail) {
        audit.record(new AuditTrail.Entry(
                at,
                user,
                action,
                "user",
                user == null ? null : user.toString(),
                client.ip(),
                client.requestId(),
                detail));
    }
}
