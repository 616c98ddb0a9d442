package com.consultaion.bootstrap.db;

import java.util.Objects;

/** Where the connection pool connects: a JDBC URL plus credentials. {@link #toString()} hides the password. */
public record JdbcTarget(String jdbcUrl, String user, String password) {

    public JdbcTarget {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** host:port/database, for messages: never credentials. */
    public String describe() {
        String rest = jdbcUrl.replaceFirst("^jdbc:postgresql://", "");
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }

    @Override
    public String toString() {
        return "JdbcTarget[" + describe() + ", user=" + user + "]";
    }
}
