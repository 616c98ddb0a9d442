package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.LoginAttempts;
import com.consultaion.domain.account.LoginThrottle;
import org.jdbi.v3.core.Jdbi;

/** Failed sign-ins, shared by all nodes. */
public final class JdbiLoginAttempts implements LoginAttempts {
    private final Jdbi jdbi;

    public JdbiLoginAttempts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public LoginThrottle.Attempts get(String key) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT failures, locked_until FROM login_attempts WHERE email_key = :k")
                .bind("k", key)
                .map((rs, ctx) ->
                        new LoginThrottle.Attempts(rs.getInt("failures"), JdbiTimes.instant(rs, "locked_until")))
                .findOne()
                .orElse(LoginThrottle.Attempts.NONE));
    }

    @Override
    public void save(String key, LoginThrottle.Attempts a) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO login_attempts (email_key, failures, locked_until) "
                        + "VALUES (:k, :f, :l) ON CONFLICT (email_key) DO UPDATE SET failures = :f, locked_until = :l")
                .bind("k", key)
                .bind("f", a.failures())
                .bind("l", JdbiTimes.utc(a.lockedUntil()))
                .execute());
    }

    @Override
    public void reset(String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_attempts WHERE email_key = :k")
                .bind("k", key)
                .execute());
    }
}
