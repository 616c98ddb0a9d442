package com.consultaion.application.port.out;

/** Port out: a slow, salted password hash with constant-time verification. */
public interface PasswordHasher {

    String hash(String password);

    /** Constant-time; false for a malformed hash. Costs the same whether the hash is real or a dummy. */
    boolean verify(String password, String hash);

    /** True when the hash was made with weaker parameters than today's and should be replaced. */
    boolean needsRehash(String hash);
}
