package org.eventdedup.worker.adapter.persistence;

import java.util.Objects;
import java.util.Optional;
import org.eventdedup.worker.port.CanonicalMembers;
import org.jdbi.v3.core.Jdbi;

/** A canonical event's version and listings, read in one transaction so both belong to the same run. */
public final class JdbiCanonicalMembers implements CanonicalMembers {

    private final Jdbi jdbi;

    public JdbiCanonicalMembers(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<Members> members(long canonicalEventId) {
        return jdbi.inTransaction(handle -> handle.createQuery(
                        "SELECT version FROM canonical_events WHERE id = :id")
                .bind("id", canonicalEventId).mapTo(Integer.class).findOne()
                .map(version -> new Members(canonicalEventId, version, handle.createQuery("""
                                SELECT source_event_id FROM canonical_event_sources WHERE canonical_event_id = :id
                                ORDER BY source_event_id""")
                        .bind("id", canonicalEventId).mapTo(String.class).list())));
    }
}
