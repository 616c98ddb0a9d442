package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.LoginAttempts;
import com.consultaion.domain.account.LoginThrottle;
import java.util.HashMap;
import java.util.Map;

/** Failed sign-ins. */
public final class InMemoryLoginAttempts implements LoginAttempts {
    private final InMemoryDatabase db;
    private final Map<String, LoginThrottle.Attempts> attempts = new HashMap<>();

    public InMemoryLoginAttempts(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public LoginThrottle.Attempts get(String key) {
        return db.read(() -> attempts.getOrDefault(key, LoginThrottle.Attempts.NONE));
    }

    @Override
    public void save(String key, LoginThrottle.Attempts a) {
        db.write(() -> {
            LoginThrottle.Attempts old = attempts.put(key, a);
            return () -> restore(key, old);
        });
    }

    @Override
    public void reset(String key) {
        db.write(() -> {
            LoginThrottle.Attempts old = attempts.remove(key);
            return () -> restore(key, old);
        });
    }

    private void restore(String key, LoginThrottle.Attempts old) {
        if (old == null) {
            attempts.remove(key);
        } else {
            attempts.put(key, old);
        }
    }
}
