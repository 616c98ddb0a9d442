package com.consultaion.adapter.persistence.jdbi;

import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementException;

/** What a database error means for the stores. */
final class Sql {

    private static final String UNIQUE_VIOLATION = "23505";

    private Sql() {}

    static boolean isUniqueViolation(StatementException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
