package org.eventdedup.worker.port;

import java.time.Instant;
import java.util.List;
import org.eventdedup.matching.evaluation.GroundTruth;

/**
 * The stored ground truth of the config preview: an import replaces it as a whole, keeping only listings that are
 * stored and reporting the others.
 */
public interface GroundTruthStore {

    /** At most this many unknown ids are listed in an answer; {@link Imported#unknownListings()} counts all. */
    int MAX_REPORTED_UNKNOWN = 1000;

    /**
     * @param pairs              same-event pairs stored
     * @param listings           labelled listings stored
     * @param unknownListingIds  labelled ids that are not stored listings (code-point order, at most
     *                           {@value #MAX_REPORTED_UNKNOWN})
     * @param unknownListings    how many there were in all
     * @param skippedPairs       same-event pairs left out because a side is unknown
     */
    record Imported(int pairs, int listings, List<String> unknownListingIds, int unknownListings,
                    int skippedPairs) {
        public Imported {
            unknownListingIds = List.copyOf(unknownListingIds);
        }
    }

    /**
     * What is stored: counts and who imported it when (both null before the first import), and how many operators'
     * labels join it as ground truth.
     */
    record Summary(int pairs, int listings, Instant importedAt, String importedBy, int labels) {

        /** Without labels. */
        public Summary(int pairs, int listings, Instant importedAt, String importedBy) {
            this(pairs, listings, importedAt, importedBy, 0);
        }
    }

    /** Replaces the stored truth in one transaction. */
    Imported replace(GroundTruth truth, String operator);

    Summary summary();
}
