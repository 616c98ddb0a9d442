package com.consultaion.bootstrap.config;

import com.consultaion.adapter.rest.ops.BuildInfo;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/** Wires the use cases of the core and the settings every adapter shares. */
@Factory
final class CoreFactory {

    @Context
    SecuritySettings securitySettings(
            @Value("${consultaion.mode}") String mode,
            @Value("${jwt.secret:}") String jwtSecret,
            @Value("${consultaion.data-dir}") String dataDir) {
        return SecuritySettings.from(mode, jwtSecret, Path.of(dataDir, "jwt-secret"));
    }

    @Singleton
    BuildInfo buildInfo() {
        Properties properties = new Properties();
        try (InputStream in = CoreFactory.class.getResourceAsStream("/META-INF/consultaion/build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(
                properties.getProperty("app", "consultaion"), properties.getProperty("version", "unknown"));
    }
}
