package com.consultaion.adapter.persistence.jdbi;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Applies and inspects the versioned SQL migrations shipped in this module (Flyway). */
public final class SchemaMigrations {

    private final Flyway flyway;

    public SchemaMigrations(DataSource dataSource) {
        this(Flyway.configure().dataSource(dataSource));
    }

    /**
     * Migrations on their own connections, outside the application's pool: Flyway holds two at once (one for its
     * lock), which a small pool may not have to spare.
     */
    public SchemaMigrations(String jdbcUrl, String user, String password) {
        this(Flyway.configure().dataSource(jdbcUrl, user, password));
    }

    private SchemaMigrations(FluentConfiguration configuration) {
        this.flyway = configuration
                .locations("classpath:db/migration")
                // A database that another version migrated further must not be silently "fixed".
                .validateOnMigrate(true)
                .cleanDisabled(true)
                .load();
    }

    /** Brings the schema to the newest version; returns how many migrations ran. */
    public int migrate() {
        return flyway.migrate().migrationsExecuted;
    }

    /** Migrations shipped with this build that the database has not applied yet. */
    public int pending() {
        return flyway.info().pending().length;
    }

    /** The version the database is at, or "none" for an empty database. */
    public String currentVersion() {
        MigrationInfo current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }
}
