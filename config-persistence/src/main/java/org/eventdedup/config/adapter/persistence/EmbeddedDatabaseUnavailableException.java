package org.eventdedup.config.adapter.persistence;

/** The embedded PostgreSQL cannot run here; the one-line message tells the operator what to do instead. */
public class EmbeddedDatabaseUnavailableException extends RuntimeException {
    public EmbeddedDatabaseUnavailableException(String message) {
        super(message);
    }

    public EmbeddedDatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
