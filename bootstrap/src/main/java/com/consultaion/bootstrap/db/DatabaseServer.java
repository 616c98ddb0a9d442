package com.consultaion.bootstrap.db;

import com.consultaion.bootstrap.StartupFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL this node uses: the operator's (DATABASE_URL, or JDBC_URL with JDBC_USER/JDBC_PASSWORD) or,
 * when none is set, an embedded one. Construction checks that the database answers, so a wrong address ends
 * startup with one clear line instead of a pool that fails later.
 */
public final class DatabaseServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseServer.class);
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final JdbcTarget target;
    private final EmbeddedDatabase embedded;

    private DatabaseServer(JdbcTarget target, EmbeddedDatabase embedded) {
        this.target = target;
        this.embedded = embedded;
    }

    /** {@code statementStats} loads {@code pg_stat_statements} into the embedded database. */
    public static DatabaseServer resolve(
            String databaseUrl,
            String jdbcUrl,
            String jdbcUser,
            String jdbcPassword,
            Path embeddedDataDirectory,
            boolean statementStats) {
        JdbcTarget target;
        EmbeddedDatabase embedded = null;
        if (!isBlank(databaseUrl)) {
            target = DatabaseUrl.parse("DATABASE_URL", databaseUrl, jdbcUser, jdbcPassword);
        } else if (!isBlank(jdbcUrl)) {
            target = DatabaseUrl.parse("JDBC_URL", jdbcUrl, jdbcUser, jdbcPassword);
        } else {
            embedded = EmbeddedDatabase.start(embeddedDataDirectory, statementStats);
            target = embedded.target();
        }
        try {
            checkReachable(target);
        } catch (StartupFailure e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        LOG.info("using {} PostgreSQL at {}", embedded == null ? "external" : "embedded", target.describe());
        if (statementStats && embedded == null) {
            LOG.warn("DB_STATEMENT_STATS applies to the embedded database only; load pg_stat_statements in yours");
        }
        return new DatabaseServer(target, embedded);
    }

    public JdbcTarget target() {
        return target;
    }

    public Optional<EmbeddedDatabase> embedded() {
        return Optional.ofNullable(embedded);
    }

    /** A connection outside the pool (for long-lived uses such as LISTEN). */
    public Connection openConnection() {
        try {
            return DriverManager.getConnection(target.jdbcUrl(), properties(target));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot open a connection to " + target.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static Properties properties(JdbcTarget target) {
        Properties properties = new Properties();
        if (target.user() != null) {
            properties.setProperty("user", target.user());
        }
        if (target.password() != null) {
            properties.setProperty("password", target.password());
        }
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        return properties;
    }

    private static void checkReachable(JdbcTarget target) {
        try (Connection ignored = DriverManager.getConnection(target.jdbcUrl(), properties(target))) {
            // reachable and credentials accepted
        } catch (SQLException e) {
            throw new StartupFailure("cannot connect to PostgreSQL at " + target.describe() + ": "
                    + firstLine(e.getMessage()) + " (check DATABASE_URL / JDBC_URL and that the server is running)");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
