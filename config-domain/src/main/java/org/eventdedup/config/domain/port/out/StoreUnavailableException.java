package org.eventdedup.config.domain.port.out;

/**
 * The store (the database) cannot be reached right now: the connection failed or was cut, not the statement. Nothing
 * of the attempted operation is known to have been written; retrying later may succeed. Persistence adapters throw it
 * instead of their driver's connection errors, so callers answer 503 (HTTP) or pause and retry (the worker) rather
 * than treating an outage as a bug. The message never holds connection details.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(Throwable cause) {
        super("the database is unavailable", cause);
    }
}
