package org.eventdedup.worker.port;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.eventdedup.matching.model.Listing;

/**
 * A listing with the config-dependent columns computed for it.
 *
 * @param blockingKeys the keys of {@code BlockingKeys.keysFor}, in their order
 * @param blockDays    the distinct days the keys name (a full re-match streams over these)
 * @param firstDate    smallest date of the listing (ranges expanded), null without dates
 * @param lastDate     largest such date
 */
public record StoredListing(Listing listing, String cityNormalized, List<String> blockingKeys,
                            List<LocalDate> blockDays, LocalDate firstDate, LocalDate lastDate) {
    public StoredListing {
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(cityNormalized, "cityNormalized");
        blockingKeys = List.copyOf(blockingKeys);
        blockDays = List.copyOf(blockDays);
    }

    public String id() {
        return listing.id();
    }
}
