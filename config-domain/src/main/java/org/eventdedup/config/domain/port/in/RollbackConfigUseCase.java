package org.eventdedup.config.domain.port.in;

public interface RollbackConfigUseCase {
    /** Stores the document of {@code version} as a new version; the API key stays as it is. */
    ConfigView rollback(long version, Precondition precondition, String operator);
}
