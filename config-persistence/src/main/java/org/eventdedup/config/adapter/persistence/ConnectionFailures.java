package org.eventdedup.config.adapter.persistence;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Set;
import org.eventdedup.config.domain.port.out.StoreUnavailableException;

/**
 * Tells a lost or refused database connection from every other failure, by JDBC exception type and SQLSTATE, so it
 * can become {@link StoreUnavailableException} at this adapter's boundary.
 */
final class ConnectionFailures {

    /**
     * 57P01 admin_shutdown (a fast stop ends sessions), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
     * shutting down, in recovery). Class 08 (connection exception) is matched by prefix.
     */
    private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

    private ConnectionFailures() {
    }

    /** True when {@code failure} or one of its causes says the connection failed. */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreUnavailableException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SHUTDOWN_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** {@code failure} as a {@link StoreUnavailableException} when it is a connection failure, else unchanged. */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof StoreUnavailableException || !isConnectionFailure(failure)) {
            return failure;
        }
        return new StoreUnavailableException(failure);
    }
}
