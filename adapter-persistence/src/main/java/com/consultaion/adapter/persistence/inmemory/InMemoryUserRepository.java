package com.consultaion.adapter.persistence.inmemory;

import com.consultaion.application.port.out.UserRepository;
import com.consultaion.domain.account.Email;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** InMemoryUserRepository. */
public final class InMemoryUserRepository implements UserRepository {
    private final InMemoryDatabase db;
    private final Map<UserId, User> users = new HashMap<>();

    public InMemoryUserRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void insert(User user) {
        db.write(() -> {
            if (users.values().stream().anyMatch(u -> u.email().equals(user.email()))) {
                throw new EmailTakenException();
            }
            users.put(user.id(), user);
            return () -> users.remove(user.id());
        });
    }

    @Override
    public Optional<User> findById(UserId id) {
        return db.read(() -> Optional.ofNullable(users.get(id)));
    }

    @Override
    public Optional<User> findByEmail(Email email) {
        return db.read(() ->
                users.values().stream().filter(u -> u.email().equals(email)).findFirst());
    }

    @Override
    public void update(User user) {
        db.write(() -> {
            User old = users.put(user.id(), user);
            return () -> users.put(user.id(), old);
        });
    }

    /** Every account, for the operators' list. */
    public List<User> all() {
        return db.read(() -> List.copyOf(users.values()));
    }
}
