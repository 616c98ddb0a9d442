package com.consultaion.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.bootstrap.StartupFailure;
import org.junit.jupiter.api.Test;

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
}
