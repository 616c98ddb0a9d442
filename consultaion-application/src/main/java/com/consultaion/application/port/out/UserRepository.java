package com.consultaion.application.port.out;

import com.consultaion.domain.account.Email;
import com.consultaion.domain.account.User;
import com.consultaion.domain.debate.UserId;
import java.util.Optional;

/** Port out: user accounts. E-mails are unique. */
public interface UserRepository {

    /** Throws {@link EmailTakenException} when the e-mail already has an account. */
    void insert(User user);

    Optional<User> findById(UserId id);

    Optional<User> findByEmail(Email email);

    void update(User user);

    /** The e-mail already has an account. */
    final class EmailTakenException extends RuntimeException {
        public EmailTakenException() {
            super("e-mail already registered");
        }
    }
}
