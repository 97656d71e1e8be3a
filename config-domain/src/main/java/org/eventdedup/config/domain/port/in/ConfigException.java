package org.eventdedup.config.domain.port.in;

import java.util.List;
import org.eventdedup.config.domain.model.Violation;

/** A rejected config request, with a stable code the HTTP adapter maps to a status in one place. */
public class ConfigException extends RuntimeException {
    public enum Code {
        /** the document breaks rules; see {@link #violations()} (422) */
        VALIDATION_FAILED,
        /** If-Match names an older version (412) */
        PRECONDITION_FAILED,
        /** the body's updated_at differs from the stored one (409) */
        UPDATED_AT_CONFLICT,
        /** a history version that does not exist (404) */
        VERSION_NOT_FOUND,
        /** the request is not a usable patch (400) */
        BAD_REQUEST
    }

    private final Code code;
    private final List<Violation> violations;
    private final long currentVersion;

    public ConfigException(Code code, String message, List<Violation> violations, long currentVersion) {
        super(message);
        this.code = code;
        this.violations = List.copyOf(violations);
        this.currentVersion = currentVersion;
    }

    public static ConfigException invalid(List<Violation> violations) {
        return new ConfigException(Code.VALIDATION_FAILED,
                violations.size() + " invalid value" + (violations.size() == 1 ? "" : "s"), violations, -1);
    }

    public Code code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The stored version when the error is a concurrency conflict, else -1. */
    public long currentVersion() {
        return currentVersion;
    }
}
