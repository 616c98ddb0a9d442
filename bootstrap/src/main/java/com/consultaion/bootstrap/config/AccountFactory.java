package com.consultaion.bootstrap.config;

import com.consultaion.adapter.persistence.jdbi.JdbiStores;
import com.consultaion.adapter.rest.security.AccessTokens;
import com.consultaion.adapter.rest.security.CookieSettings;
import com.consultaion.adapter.rest.security.Pbkdf2PasswordHasher;
import com.consultaion.application.port.out.AuditTrail;
import com.consultaion.application.port.out.PasswordHasher;
import com.consultaion.bootstrap.StartupFailure;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires accounts: password hashing, access tokens, cookies, and the account use cases on PostgreSQL. */
@Factory
final class AccountFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    // Created at start-up, so a production rule it checks ends the start instead of every later sign-in (500).
    @Context
    PasswordHasher passwordHasher(
            SecuritySettings security, @Value("${consultaion.security.pbkdf2-iterations}") int iterations) {
        if (security.mode() == SecuritySettings.Mode.PRODUCTION
                && iterations < Pbkdf2PasswordHasher.OWASP_2023_ITERATIONS) {
            throw new StartupFailure("consultaion.security.pbkdf2-iterations is " + iterations
                    + "; production mode needs at least " + Pbkdf2PasswordHasher.OWASP_2023_ITERATIONS);
        }
        return new Pbkdf2PasswordHasher(iterations);
    }

    @Singleton
    AccessTokens accessTokens(SecuritySettings security, Clock clock) {
        return new AccessTokens(security.jwtSecret(), clock);
    }

    @Singleton
    CookieSettings cookieSettings(
            SecuritySettings security, @Value("${consultaion.security.cookie-domain:}") String domain) {
        return new CookieSettings(
                security.mode() == SecuritySettings.Mode.PRODUCTION, domain.isBlank() ? null : domain);
    }

    @Singleton
    AuditTrail auditTrail(JdbiStores stores) {
        return stores.accounts().audit();
    }
}
