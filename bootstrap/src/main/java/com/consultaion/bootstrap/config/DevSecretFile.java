package com.consultaion.bootstrap.config;

import com.consultaion.bootstrap.StartupFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The JWT secret dev mode generates, kept in the data directory so that a restart does not sign everyone out. It is
 * treated as a production secret would be: created owner-only (0600) and whole (written to a temporary file, forced
 * to disk, then moved into place atomically), and refused when group or others may read it or when it is too short
 * or trivial. Production mode never reads it: there the secret comes from {@code JWT_SECRET} only.
 */
final class DevSecretFile {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private DevSecretFile() {}

    /** The secret in {@code file}, made first when there is none. */
    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new StartupFailure("cannot keep the dev-mode JWT secret in " + file + ": " + e.getMessage()
                    + " (set JWT_SECRET, or CONSULTAION_DATA_DIR to a writable directory)");
        }
    }

    private static byte[] read(Path file) throws IOException {
        if (posix() && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
            throw new StartupFailure(file + " holds the JWT secret but others may read it (mode "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
                    + "); run chmod 600 on it, or delete it to get a new secret");
        }
        byte[] secret = Files.readString(file).strip().getBytes(StandardCharsets.UTF_8);
        if (secret.length < SecuritySettings.MIN_SECRET_BYTES
                || SecuritySettings.estimatedBits(secret) < SecuritySettings.MIN_SECRET_BITS) {
            throw new StartupFailure(
                    file + " does not hold a usable JWT secret (too short or trivial); delete it to get a new one");
        }
        return secret;
    }

    private static void create(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        Path temporary = posix()
                ? Files.createTempFile(
                        directory, ".jwt-secret", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, ".jwt-secret", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(Base64.getEncoder().encode(random)));
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
