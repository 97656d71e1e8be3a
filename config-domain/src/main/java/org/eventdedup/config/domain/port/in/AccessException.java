package org.eventdedup.config.domain.port.in;

/**
 * A rejected sign-in or operator change, with a stable code the HTTP adapter maps to a status in one place. Messages
 * never contain a password.
 */
public class AccessException extends RuntimeException {
    public enum Code {
        /** wrong name, wrong password or disabled operator, deliberately indistinguishable (401) */
        INVALID_CREDENTIALS,
        /** too many failed sign-ins for the name or the client address; see {@link #retryAfterSeconds()} (429) */
        RATE_LIMITED,
        /** no operator of that name (404) */
        OPERATOR_NOT_FOUND,
        /** the name is taken (409) */
        OPERATOR_EXISTS,
        /** the change would leave no enabled admin (409) */
        LAST_ADMIN
    }

    private final Code code;
    private final long retryAfterSeconds;

    public AccessException(Code code, String message) {
        this(code, message, 0);
    }

    private AccessException(Code code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static AccessException invalidCredentials() {
        return new AccessException(Code.INVALID_CREDENTIALS, "invalid username or password");
    }

    public static AccessException rateLimited(long retryAfterSeconds) {
        return new AccessException(Code.RATE_LIMITED, "too many failed sign-ins; retry in " + retryAfterSeconds
                + " s", retryAfterSeconds);
    }

    public Code code() {
        return code;
    }

    /** Seconds until a sign-in is accepted again (only for {@link Code#RATE_LIMITED}). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
