package org.eventdedup.config.domain.port.in;

import java.time.Instant;

/**
 * Optimistic-concurrency expectations of a write. {@code ifMatchVersion} (from If-Match) null = not given;
 * {@code checkUpdatedAt} true when the body carried {@code updated_at} ({@code expectedUpdatedAt} null then means
 * "nothing saved yet").
 */
public record Precondition(Long ifMatchVersion, boolean checkUpdatedAt, Instant expectedUpdatedAt) {
    public static final Precondition NONE = new Precondition(null, false, null);

    public static Precondition ifMatch(long version) {
        return new Precondition(version, false, null);
    }

    public boolean isNone() {
        return ifMatchVersion == null && !checkUpdatedAt;
    }
}
