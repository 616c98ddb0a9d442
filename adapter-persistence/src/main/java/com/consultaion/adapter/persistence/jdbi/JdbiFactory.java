package com.consultaion.adapter.persistence.jdbi;

import com.consultaion.application.port.out.StorageUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * Builds the {@link Jdbi} the stores use. A connection that cannot be had in time (pool exhausted, database
 * unreachable) becomes {@link StorageUnavailableException}, so callers fail fast with a retryable error instead
 * of hanging or leaking a driver exception. Statement errors name neither the SQL nor its values.
 */
public final class JdbiFactory {

    private JdbiFactory() {}

    public static Jdbi create(DataSource dataSource) {
        return Jdbi.create(() -> {
                    try {
                        return dataSource.getConnection();
                    } catch (SQLTransientConnectionException e) {
                        throw new StorageUnavailableException("no database connection available in time", e);
                    } catch (SQLException e) {
                        if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                            throw new StorageUnavailableException("the database cannot be reached", e);
                        }
                        throw e;
                    }
                })
                .installPlugin(new PostgresPlugin())
                .configure(
                        StatementExceptions.class,
                        // an exception's message never carries the statement or its bound values (a user's data)
                        c -> c.setMessageRendering(StatementExceptions.MessageRendering.NONE));
    }
}
