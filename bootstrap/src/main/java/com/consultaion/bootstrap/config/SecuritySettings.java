package com.consultaion.bootstrap.config;

import com.consultaion.bootstrap.StartupFailure;
import com.consultaion.domain.Nullable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets the service signs with, validated at startup. In {@code production} mode a missing or short
 * (under 32 bytes) JWT secret refuses to start; in {@code dev} mode a random one is generated and kept in the data
 * directory ({@link DevSecretFile}), so sessions survive a restart. The secret stays a byte array, the form the
 * signer takes.
 */
@SuppressWarnings("ArrayRecordComponent")
public record SecuritySettings(Mode mode, byte[] jwtSecret, boolean generated) {

    public static final int MIN_SECRET_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(SecuritySettings.class);

    /** How strictly settings are checked: {@code dev} is the zero-configuration default. */
    public enum Mode {
        DEV,
        PRODUCTION
    }

    /** Settings whose dev-mode secret lives for this run only (tests, embedding). */
    public static SecuritySettings from(String modeSetting, String jwtSecret) {
        return from(modeSetting, jwtSecret, null);
    }

    /**
     * Settings from {@code CONSULTAION_MODE} and {@code JWT_SECRET}; in dev mode without a secret, the one kept in
     * {@code devSecretFile} (made when missing), or one for this run when that is null.
     */
    public static SecuritySettings from(String modeSetting, String jwtSecret, @Nullable Path devSecretFile) {
        Mode mode = parseMode(modeSetting);
        byte[] secret = jwtSecret == null ? new byte[0] : jwtSecret.getBytes(StandardCharsets.UTF_8);
        if (secret.length >= MIN_SECRET_BYTES) {
            double bits = estimatedBits(secret);
            if (bits < MIN_SECRET_BITS) {
                String problem = String.format(
                        Locale.ROOT,
                        "JWT_SECRET looks trivial (%.0f bits estimated from its %d characters, e.g. a repeated"
                                + " letter); use a random one of at least 32 bytes, e.g. openssl rand -base64 48",
                        bits,
                        secret.length);
                if (mode == Mode.PRODUCTION) {
                    throw new StartupFailure(problem);
                }
                LOG.warn("dev mode: {}", problem);
            }
            return new SecuritySettings(mode, secret, false);
        }
        if (mode == Mode.PRODUCTION) {
            throw new StartupFailure(
                    secret.length == 0
                            ? "JWT_SECRET is not set; production mode needs a random secret of at least 32 bytes"
                            : "JWT_SECRET is " + secret.length + " bytes; production mode needs at least 32");
        }
        if (secret.length > 0) {
            throw new StartupFailure("JWT_SECRET is " + secret.length
                    + " bytes; use at least 32, or leave it unset in dev mode to get a generated one");
        }
        if (devSecretFile != null) {
            byte[] kept = DevSecretFile.loadOrCreate(devSecretFile);
            LOG.info(
                    "dev mode: JWT_SECRET is not set, so the one generated in {} signs sessions (they survive a "
                            + "restart). Set CONSULTAION_MODE=production and JWT_SECRET in production",
                    devSecretFile);
            return new SecuritySettings(mode, kept, true);
        }
        byte[] generated = new byte[48];
        new SecureRandom().nextBytes(generated);
        LOG.warn("dev mode: JWT_SECRET is not set, so a random one was generated for this run; "
                + "sessions will not survive a restart. Set CONSULTAION_MODE=production and JWT_SECRET in production");
        return new SecuritySettings(mode, Base64.getEncoder().encode(generated), true);
    }

    /** The least a secret's estimated entropy may be: 128 bits, what a 32-byte random hex string gives about. */
    static final double MIN_SECRET_BITS = 128;

    /**
     * A secret's entropy as estimated from its own byte frequencies (length × Shannon entropy per byte): about 256
     * for 64 random hex digits, 0 for one letter repeated, low for a short pattern repeated. An upper bound on the
     * real entropy, so it refuses the trivial and never the random.
     */
    static double estimatedBits(byte[] secret) {
        int[] counts = new int[256];
        for (byte b : secret) {
            counts[b & 0xff]++;
        }
        double perByte = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / secret.length;
                perByte -= p * (Math.log(p) / Math.log(2));
            }
        }
        return perByte * secret.length;
    }

    private static Mode parseMode(String value) {
        String normalised = value == null ? "dev" : value.strip().toLowerCase(Locale.ROOT);
        return switch (normalised) {
            case "", "dev", "development", "local" -> Mode.DEV;
            case "prod", "production" -> Mode.PRODUCTION;
            default -> throw new StartupFailure("CONSULTAION_MODE must be 'dev' or 'production' (got '" + value + "')");
        };
    }

    @Override
    public String toString() {
        return "SecuritySettings[mode=" + mode + ", jwtSecret=<hidden>, generated=" + generated + "]";
    }
}
