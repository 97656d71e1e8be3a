package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.eventdedup.config.domain.port.out.StoreUnavailableException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

class ConnectionFailuresTest {

    @Test
    void lost_refused_and_shut_down_connections_are_connection_failures_wherever_they_are_wrapped() {
        assertThat(ConnectionFailures.isConnectionFailure(new SQLTransientConnectionException("pool timed out")))
                .isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new UnableToExecuteStatementException(
                new SQLException("An I/O error occurred", "08006", new EOFException()), null))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("refused", "08001"))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(
                new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("starting up", "57P03"))).isTrue();
    }

    @Test
    void statement_errors_are_not_connection_failures_and_pass_through_unchanged() {
        RuntimeException duplicate = new UnableToExecuteStatementException(
                new SQLException("duplicate key", "23505"), null);
        assertThat(ConnectionFailures.isConnectionFailure(duplicate)).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new SQLException("syntax", "42601"))).isFalse();
        assertThat(ConnectionFailures.isConnectionFailure(new IllegalStateException("bug"))).isFalse();
        assertThat(ConnectionFailures.translate(duplicate)).isSameAs(duplicate);
    }

    @Test
    void a_connection_failure_becomes_the_domain_exception_without_connection_details_in_its_message() {
        RuntimeException lost = new UnableToExecuteStatementException(
                new SQLException("connection to 10.0.0.5:5432 refused", "08001"), null);
        RuntimeException translated = ConnectionFailures.translate(lost);
        assertThat(translated).isInstanceOf(StoreUnavailableException.class).hasCause(lost)
                .hasMessage("the database is unavailable");
        assertThat(ConnectionFailures.translate(translated)).isSameAs(translated);
    }
}
