package com.consultaion.application.port.in;

import com.consultaion.domain.Nullable;
import java.net.URI;

/** Port in: signing in (or up) through an OpenID Connect provider. */
public interface ExternalSignInUseCase {

    /**
     * Starts a sign-in: where to send the browser, and a binding value the browser must keep (a cookie) and show
     * again at the callback, so that a callback started elsewhere (login CSRF) fails.
     *
     * @param next a path on this site to land on afterwards ({@code /…}; anything else becomes {@code /})
     * @throws NotConfigured when the provider is not configured
     */
    Started begin(String provider, @Nullable String next, URI redirectUri);

    /**
     * Finishes a sign-in: the state is taken (once), the binding checked, the code redeemed and the ID token
     * verified; then the subject's linked account, else the account with the same verified e-mail (now linked),
     * else a new account, is signed in. Audited ({@code login_external}, {@code identity_linked},
     * {@code register_external}).
     *
     * @throws InvalidState when the state is unknown, used, expired, or not this browser's
     * @throws AccountUseCases.AuthenticationFailed when the identity cannot sign in (the ID token does not verify,
     *     the e-mail is not verified, the account is disabled or erased)
     * @throws ProviderUnavailable when the provider cannot be reached
     */
    Completed complete(
            String provider,
            @Nullable String state,
            @Nullable String code,
            @Nullable String binding,
            URI redirectUri,
            ClientContext client);

    /** The browser's next stop and the value to keep for the callback. */
    record Started(URI authorizationUrl, String binding) {}

    /** The session, and the path to land on. */
    record Completed(AccountUseCases.SignedIn signedIn, String next) {}

    /** No such provider is configured. */
    final class NotConfigured extends RuntimeException {
        public NotConfigured(String provider) {
            super("Sign-in with " + provider + " is not configured on this service.");
        }
    }

    /** The callback's state is unknown, used, expired, or belongs to another browser. */
    final class InvalidState extends RuntimeException {
        public InvalidState(String message) {
            super(message);
        }
    }

    /** The provider could not be reached. */
    final class ProviderUnavailable extends RuntimeException {
        public ProviderUnavailable(String message) {
            super(message);
        }
    }
}
