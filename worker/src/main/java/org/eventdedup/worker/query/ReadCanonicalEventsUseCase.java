package org.eventdedup.worker.query;

import java.util.Optional;

/** Canonical events: search with paging, and one event with its sources, decisions and field provenance. */
public interface ReadCanonicalEventsUseCase {

    /** Events matching every given criterion, ordered by first date (undated last), then id. */
    Page<CanonicalEventSummary> search(CanonicalEventSearch search);

    Optional<CanonicalEventDetail> event(long id);
}
