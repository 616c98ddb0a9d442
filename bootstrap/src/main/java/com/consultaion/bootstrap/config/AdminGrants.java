package com.consultaion.bootstrap.config;

import com.consultaion.application.port.in.AccountUseCases;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's admin grants: at start-up, each account named in {@code ADMIN_EMAILS} (an e-mail or a user id)
 * that exists is made an admin, audited. Registering a listed address grants nothing: the account must exist
 * when the operator (re)starts the service, so the operator names an account they know.
 */
@Singleton
final class AdminGrants implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AdminGrants.class);

    private final AccountUseCases accounts;
    private final List<String> named;

    AdminGrants(AccountUseCases accounts, @Value("${consultaion.security.admin-emails:}") String adminEmails) {
        this.accounts = accounts;
        this.named = Arrays.stream(adminEmails.split(","))
                .map(String::strip)
                .filter(e -> !e.isEmpty())
                .toList();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        for (String account : named) {
            try {
                if (accounts.grantAdmin(account, "ADMIN_EMAILS at start-up").isPresent()) {
                    LOG.info("admin: {} (ADMIN_EMAILS)", account);
                } else {
                    LOG.warn("ADMIN_EMAILS names {}, which is no active account: register it, then restart", account);
                }
            } catch (RuntimeException e) {
                LOG.warn("ADMIN_EMAILS: could not grant admin to {}: {}", account, e.getMessage());
            }
        }
    }
}
