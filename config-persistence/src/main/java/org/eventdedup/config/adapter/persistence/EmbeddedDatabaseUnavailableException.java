package org.eventdedup.config.adapter.persistence;

/** The embedded PostgreSQL cannot run here; the one-line message tells the operator what to do instead. */
public class EmbeddedDatabaseUnavailableException extends RuntimeException {

    /** Why: a setup the operator must change (root) or a failure of the server itself. */
    public enum Reason { RUNNING_AS_ROOT, START_FAILED }

    private final Reason reason;

    public EmbeddedDatabaseUnavailableException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public EmbeddedDatabaseUnavailableException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
