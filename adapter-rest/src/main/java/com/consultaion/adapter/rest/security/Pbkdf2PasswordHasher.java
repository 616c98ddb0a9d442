package com.consultaion.adapter.rest.security;

import com.consultaion.application.port.out.PasswordHasher;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK (OWASP 2023: 600,000 iterations), 16-byte random salt, 32-byte hash, stored as
 * {@code pbkdf2_sha256$<iterations>$<salt>$<hash>}. Verification re-derives with the stored parameters and
 * compares in constant time; a malformed hash still costs a full derivation.
 */
public final class Pbkdf2PasswordHasher implements PasswordHasher {

    public static final int OWASP_2023_ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2_sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    public Pbkdf2PasswordHasher(int iterations) {
        if (iterations < 1_000) {
            throw new IllegalArgumentException("PBKDF2 needs at least 1,000 iterations");
        }
        this.iterations = iterations;
    }

    @Override
    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        return PREFIX + "$" + iterations + "$" + b64(salt) + "$" + b64(hash);
    }

    @Override
    public boolean verify(String password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        int storedIterations;
        byte[] salt;
        byte[] expected;
        try {
            if (parts.length != 4 || !parts[0].equals(PREFIX)) {
                throw new IllegalArgumentException("not a PBKDF2 hash");
            }
            storedIterations = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
            if (storedIterations < 1_000 || storedIterations > 10_000_000 || expected.length != 32) {
                throw new IllegalArgumentException("unusable parameters");
            }
        } catch (IllegalArgumentException e) {
            derive(password, new byte[16], iterations); // same cost as a real check
            return false;
        }
        return MessageDigest.isEqual(expected, derive(password, salt, storedIterations));
    }

    @Override
    public boolean needsRehash(String stored) {
        String[] parts = stored.split("\\$", -1);
        return parts.length != 4 || !parts[0].equals(PREFIX) || !parts[1].equals(String.valueOf(iterations));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
