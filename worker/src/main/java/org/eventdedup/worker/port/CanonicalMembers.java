package org.eventdedup.worker.port;

import java.util.List;
import java.util.Optional;

/**
 * The listings of a stored canonical event and the version a client read (merge and split act on them). Implemented
 * by {@code JdbiCanonicalMembers}.
 */
public interface CanonicalMembers {

    /** @param listingIds in code-point order */
    record Members(long id, int version, List<String> listingIds) {
        public Members {
            listingIds = List.copyOf(listingIds);
        }
    }

    Optional<Members> members(long canonicalEventId);
}
