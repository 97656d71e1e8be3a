package org.eventdedup.config.domain.port.out;

import java.time.Instant;
import java.util.Optional;

/** Sign-in sessions, shared by every API server on the database. Ids are SHA-256 hashes of the tokens (hex). */
public interface SessionRepository {

    /** Stores a new session of {@code operatorName}. */
    void create(String idHash, String operatorName, Instant createdAt);

    /** The session with its operator; empty when unknown (or its operator is gone). */
    Optional<StoredSession> findSession(String idHash);

    void touch(String idHash, Instant lastSeenAt);

    void delete(String idHash);

    /** Ends every session of an operator (password changed, disabled). */
    void deleteAllOf(String operatorName);

    /** Removes sessions idle since before {@code idleBefore} or created before {@code createdBefore}. */
    int deleteExpired(Instant idleBefore, Instant createdBefore);
}
