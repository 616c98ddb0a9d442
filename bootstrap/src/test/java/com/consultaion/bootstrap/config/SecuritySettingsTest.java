package com.consultaion.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.bootstrap.StartupFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecuritySettingsTest {

    private static final String STRONG = "0123456789abcdef0123456789abcdef";

    @Test
    void devModeWithoutASecretGeneratesOne() {
        SecuritySettings settings = SecuritySettings.from("dev", "");

        assertThat(settings.generated()).isTrue();
        assertThat(settings.jwtSecret()).hasSizeGreaterThanOrEqualTo(SecuritySettings.MIN_SECRET_BYTES);
    }

    @Test
    void productionModeNeedsASecretOfAtLeast32Bytes() {
        assertThatThrownBy(() -> SecuritySettings.from("production", ""))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("JWT_SECRET is not set");
        assertThatThrownBy(() -> SecuritySettings.from("production", STRONG.substring(1)))
                .hasMessage("JWT_SECRET is 31 bytes; production mode needs at least 32");
        assertThat(SecuritySettings.from("production", STRONG).generated()).isFalse();
    }

    @Test
    void aShortSecretIsRefusedEvenInDevMode() {
        assertThatThrownBy(() -> SecuritySettings.from("dev", "short")).isInstanceOf(StartupFailure.class);
    }

    @Test
    void anUnknownModeIsRefused() {
        assertThatThrownBy(() -> SecuritySettings.from("staging", STRONG))
                .hasMessageContaining("CONSULTAION_MODE must be 'dev' or 'production'");
    }

    @Test
    void theSecretNeverAppearsInToString() {
        assertThat(SecuritySettings.from("dev", STRONG).toString()).doesNotContain(STRONG);
    }

    @Test
    void devModeKeepsItsGeneratedSecretOwnerOnlyAcrossRestarts(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolve("nested").resolve("jwt-secret");

        byte[] first = SecuritySettings.from("dev", "", file).jwtSecret();
        byte[] second = SecuritySettings.from("dev", "", file).jwtSecret();

        assertThat(second).isEqualTo(first);
        assertThat(first).hasSizeGreaterThanOrEqualTo(SecuritySettings.MIN_SECRET_BYTES);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void aKeptSecretOthersMayReadIsRefused(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolve("jwt-secret");
        SecuritySettings.from("dev", "", file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> SecuritySettings.from("dev", "", file))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("others may read it")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void aKeptSecretThatIsTrivialIsRefused(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolve("jwt-secret");
        Files.writeString(file, "a".repeat(64));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> SecuritySettings.from("dev", "", file))
                .hasMessageContaining("does not hold a usable JWT secret");
    }

    @Test
    void productionModeNeverReadsTheKeptSecret(@TempDir Path dataDir) {
        Path file = dataDir.resolve("jwt-secret");
        SecuritySettings.from("dev", "", file);

        assertThatThrownBy(() -> SecuritySettings.from("production", "", file))
                .hasMessageContaining("JWT_SECRET is not set");
        assertThat(SecuritySettings.from("production", STRONG, file).jwtSecret())
                .isEqualTo(STRONG.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anExplicitSecretIsUsedAndNothingIsWritten(@TempDir Path dataDir) {
        Path file = dataDir.resolve("jwt-secret");

        assertThat(SecuritySettings.from("dev", STRONG, file).generated()).isFalse();
        assertThat(file).doesNotExist();
    }
}
