package org.eventdedup.config.adapter.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.Role;
import org.jdbi.v3.core.argument.Argument;

/** Reading and binding the columns of {@code operators} and {@code operator_sessions}. */
final class OperatorRows {
    static final String OPERATOR_COLUMNS = "o.name, o.role, o.disabled, o.created_at, o.last_login_at";

    private OperatorRows() {
    }

    static Operator operator(ResultSet rs) throws SQLException {
        String role = rs.getString("role");
        return new Operator(rs.getString("name"),
                Role.parse(role).orElseThrow(() -> new IllegalStateException("unknown role in the database: " + role)),
                rs.getBoolean("disabled"), instant(rs, "created_at"), instant(rs, "last_login_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** As TIMESTAMPTZ, truncated to the column's microseconds so a value read back equals the one written. */
    static Argument timestamp(Instant instant) {
        OffsetDateTime value = instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return (position, statement, ctx) -> statement.setObject(position, value);
    }
}
