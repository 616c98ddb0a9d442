package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.ReadinessProbe;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Readiness: PostgreSQL answers a trivial query within two seconds and every migration is applied. */
public final class PostgresReadinessProbe implements ReadinessProbe {

    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final SchemaMigrations migrations;

    public PostgresReadinessProbe(DataSource dataSource, SchemaMigrations migrations) {
        this.dataSource = dataSource;
        this.migrations = migrations;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Result probe() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
        } catch (SQLException e) {
            return Result.down("database unreachable (SQLSTATE " + e.getSQLState() + ")");
        }
        int pending = migrations.pending();
        if (pending > 0) {
            return Result.down(pending + " migration(s) not applied; schema at version " + migrations.currentVersion());
        }
        return Result.up("reachable; schema at version " + migrations.currentVersion());
    }
}
