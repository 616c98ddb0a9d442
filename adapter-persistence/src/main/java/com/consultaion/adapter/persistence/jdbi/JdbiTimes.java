package com.consultaion.adapter.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Timestamps between JDBC and the core: {@code timestamptz} columns read as instants, instants written as UTC. */
final class JdbiTimes {

    private JdbiTimes() {}

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : JdbiDebateRepository.utc(i);
    }
}
