package com.consultaion.adapter.persistence;

import com.consultaion.adapter.persistence.jdbi.SchemaMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * One real PostgreSQL per test JVM (embedded, started on first use), migrated with the production migrations.
 * {@link #clean()} empties every table between tests.
 */
public final class TestPostgres {

    private static EmbeddedPostgres postgres;
    private static Jdbi jdbi;

    private TestPostgres() {}

    public static synchronized Jdbi jdbi() {
        if (jdbi == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            new SchemaMigrations(postgres.getPostgresDatabase()).migrate();
            jdbi = Jdbi.create(postgres.getPostgresDatabase()).installPlugin(new PostgresPlugin());
        }
        return jdbi;
    }

    public static EmbeddedPostgres server() {
        jdbi();
        return postgres;
    }

    public static void clean() {
        jdbi().useHandle(
                        h -> h.execute(
                                "TRUNCATE debates, teams, team_members, users, sessions, refresh_tokens, api_keys, login_attempts, audit_log, rating_boards, rate_buckets, usage_ledger, usage_counters, payment_events, subscriptions, sign_in_challenges, external_identities CASCADE"));
    }
}
