package com.consultaion.application.port.out;

import com.consultaion.domain.account.LoginThrottle;

/** Port out: failed sign-ins per e-mail key (a hash of the normalised address), shared by all nodes. */
public interface LoginAttempts {

    LoginThrottle.Attempts get(String key);

    void save(String key, LoginThrottle.Attempts attempts);

    void reset(String key);
}
