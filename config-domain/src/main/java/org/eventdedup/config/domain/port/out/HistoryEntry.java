package org.eventdedup.config.domain.port.out;

import java.time.Instant;
import java.util.List;
import org.eventdedup.config.domain.model.Change;

/** One saved version: who saved it, when, and what changed. */
public record HistoryEntry(long version, Instant updatedAt, String updatedBy, List<Change> changes) {
    public HistoryEntry {
        changes = List.copyOf(changes);
    }
}
