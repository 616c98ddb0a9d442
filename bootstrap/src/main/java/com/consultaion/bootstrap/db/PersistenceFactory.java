package com.consultaion.bootstrap.db;

import com.consultaion.adapter.persistence.jdbi.JdbiFactory;
import com.consultaion.adapter.persistence.jdbi.PostgresReadinessProbe;
import com.consultaion.adapter.persistence.jdbi.SchemaMigrations;
import com.consultaion.application.port.out.ReadinessProbe;
import com.consultaion.bootstrap.StartupFailure;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the database: where it is, the connection pool, the schema, JDBI and the readiness probe. */
@Factory
final class PersistenceFactory {

    private static final Logger LOG = LoggerFactory.getLogger(PersistenceFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    DatabaseServer databaseServer(
            @Value("${database.url:}") String databaseUrl,
            @Value("${jdbc.url:}") String jdbcUrl,
            @Value("${jdbc.user:}") String jdbcUser,
            @Value("${jdbc.password:}") String jdbcPassword,
            @Value("${consultaion.data-dir}") String dataDir,
            @Value("${consultaion.database.statement-stats}") boolean statementStats) {
        return DatabaseServer.resolve(
                databaseUrl, jdbcUrl, jdbcUser, jdbcPassword, Path.of(dataDir, "postgres"), statementStats);
    }

    @Singleton
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(
            DatabaseServer server,
            @Value("${consultaion.database.pool-size}") int poolSize,
            @Value("${consultaion.database.acquire-timeout-ms}") long acquireTimeoutMs,
            MeterRegistry metrics) {
        if (poolSize < 1 || poolSize > 500) {
            throw new StartupFailure("consultaion.database.pool-size must be between 1 and 500 (got " + poolSize + ")");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("consultaion");
        config.setJdbcUrl(server.target().jdbcUrl());
        config.setUsername(server.target().user());
        config.setPassword(server.target().password());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        // A request that cannot get a connection in time fails fast (503) instead of queueing forever.
        config.setConnectionTimeout(Math.max(250, acquireTimeoutMs));
        config.addDataSourceProperty("ApplicationName", "consultaion");
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("socketTimeout", "60");
        // A server error's detail ("Failing row contains (...)", a key's value) quotes a row: never into a log line.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        // Pool metrics (hikaricp_connections_active/idle/pending, acquisition time) on /prometheus.
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        return new HikariDataSource(config);
    }

    /** Created at startup ({@code @Context}): the schema is current before the server accepts a request. */
    @Context
    SchemaMigrations schemaMigrations(DatabaseServer server) {
        SchemaMigrations migrations = new SchemaMigrations(
                server.target().jdbcUrl(),
                server.target().user(),
                server.target().password());
        try {
            int applied = migrations.migrate();
            LOG.info(
                    "database schema at version {} ({} migration(s) applied now)",
                    migrations.currentVersion(),
                    applied);
        } catch (FlywayException e) {
            throw new StartupFailure(
                    "the database schema could not be migrated: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
        return migrations;
    }

    @Singleton
    Jdbi jdbi(DataSource dataSource) {
        return JdbiFactory.create(dataSource);
    }

    @Singleton
    @Named("database")
    ReadinessProbe databaseReadiness(DataSource dataSource, SchemaMigrations migrations) {
        return new PostgresReadinessProbe(dataSource, migrations);
    }
}
