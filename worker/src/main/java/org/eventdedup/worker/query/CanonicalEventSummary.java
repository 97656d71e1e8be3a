package org.eventdedup.worker.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A canonical event as a search lists it.
 *
 * @param version       raised each time a run changed the event
 * @param configVersion the config version of the run that last synthesised it
 */
public record CanonicalEventSummary(long id, String title, LocalDate firstDate, LocalDate lastDate,
                                    String locationName, String locationCity, List<String> categories,
                                    int sourceCount, Double matchConfidence, boolean needsReview,
                                    String reviewReason, boolean aiAssisted, int version, long configVersion,
                                    Instant updatedAt) {
    public CanonicalEventSummary {
        categories = List.copyOf(categories);
    }
}
