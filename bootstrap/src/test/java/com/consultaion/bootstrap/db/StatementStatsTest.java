package com.consultaion.bootstrap.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code DB_STATEMENT_STATS=true} loads pg_stat_statements into the embedded database, whose view then counts the
 * statements run on it; by default nothing is loaded.
 */
class StatementStatsTest {

    @TempDir
    Path data;

    @Test
    void withStatementStatsTheEmbeddedDatabaseCountsEveryStatement() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data.resolve("postgres"), true);
                Connection c = connect(db);
                Statement s = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                s.execute("SELECT 'counted' AS marker");
            }
            try (ResultSet rs =
                    s.executeQuery("SELECT calls FROM pg_stat_statements WHERE query LIKE 'SELECT $1 AS marker'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void byDefaultNothingIsLoaded() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data.resolve("postgres"), false);
                Connection c = connect(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW shared_preload_libraries")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEmpty();
        }
    }

    private static Connection connect(EmbeddedDatabase db) throws SQLException {
        JdbcTarget target = db.target();
        return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
    }
}
