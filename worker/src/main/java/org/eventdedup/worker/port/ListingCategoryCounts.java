package org.eventdedup.worker.port;

import java.util.List;
import java.util.Objects;

/** How many stored listings ({@code source_events}) carry each category, spelt exactly as the sources spell it. */
public interface ListingCategoryCounts {

    /** One spelling of a category and the number of stored listings that carry it. */
    record SpellingCount(String spelling, long listings) {
        public SpellingCount {
            Objects.requireNonNull(spelling, "spelling");
            if (listings < 1) {
                throw new IllegalArgumentException("listings must be at least 1, was " + listings);
            }
        }
    }

    /** Every spelling that occurs, in no particular order. */
    List<SpellingCount> spellings();
}
