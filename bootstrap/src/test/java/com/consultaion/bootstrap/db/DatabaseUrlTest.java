package com.consultaion.bootstrap.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.consultaion.bootstrap.StartupFailure;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void aHostingPlatformUrlBecomesAJdbcUrlWithItsCredentials() {
        JdbcTarget target = DatabaseUrl.parse(
                "DATABASE_URL", "postgres://app:p%40ss@db.internal:6543/consultaion?sslmode=require", "", "");

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/consultaion?sslmode=require");
        assertThat(target.user()).isEqualTo("app");
        assertThat(target.password()).isEqualTo("p@ss");
    }

    @Test
    void theDefaultPortIs5432() {
        assertThat(DatabaseUrl.parse("DATABASE_URL", "postgresql://h/db", "", "")
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/db");
    }

    @Test
    void aJdbcUrlIsKeptAndTakesSeparateCredentials() {
        JdbcTarget target = DatabaseUrl.parse("JDBC_URL", "jdbc:postgresql://h:5/db", "u", "pw");

        assertThat(target)
                .extracting(JdbcTarget::jdbcUrl, JdbcTarget::user, JdbcTarget::password)
                .containsExactly("jdbc:postgresql://h:5/db", "u", "pw");
    }

    @Test
    void theTargetNeverPrintsItsPassword() {
        JdbcTarget target = DatabaseUrl.parse("DATABASE_URL", "postgres://u:hunter2@h/db", "", "");

        assertThat(target.toString()).doesNotContain("hunter2");
        assertThat(target.describe()).isEqualTo("h:5432/db");
    }

    @Test
    void otherSchemesMissingHostsAndMissingDatabasesAreRefusedWithoutEchoingTheUrl() {
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "mysql://u:hunter2@h/db", "", ""))
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("scheme 'mysql'")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "postgres:///db", "", ""))
                .hasMessageContaining("names no host");
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "postgres://h:5432", "", ""))
                .hasMessageContaining("names no database");
        assertThatThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "postgres://u:p w@h/db", "", ""))
                .hasMessageContaining("malformed")
                .hasMessageNotContaining("p w");
    }
}
