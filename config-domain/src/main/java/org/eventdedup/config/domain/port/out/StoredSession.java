package org.eventdedup.config.domain.port.out;

import java.time.Instant;
import java.util.Objects;
import org.eventdedup.config.domain.model.Operator;

/**
 * A sign-in session as stored: keyed by the SHA-256 of its token (hex), never by the token itself, so a copy of the
 * table cannot be replayed.
 *
 * @param operator the session's operator as stored now (role and disabled flag are current)
 */
public record StoredSession(String idHash, Operator operator, Instant createdAt, Instant lastSeenAt) {
    public StoredSession {
        Objects.requireNonNull(idHash, "idHash");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }
}
