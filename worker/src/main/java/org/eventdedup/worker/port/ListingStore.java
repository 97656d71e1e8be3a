package org.eventdedup.worker.port;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eventdedup.matching.model.Listing;

/** The stored listings with their config-dependent columns (blocking keys, block days, normalised city). */
public interface ListingStore {

    /** The largest ingestion order stored, 0 when there is none. */
    long maxIngestionOrder();

    /** Ingestion order of those of {@code ids} that are stored. */
    Map<String, Long> ingestionOrders(Collection<String> ids);

    /**
     * Inserts new listings and updates re-delivered ones (Part A 12); an unchanged listing with keys of the same
     * config is left as it is.
     *
     * @param fileIdById the queued file each listing came from
     * @param keysConfig the fingerprint of the config its keys were computed with
     * @return the ids that are new, or whose listing or keys' config changed: the ones to match again
     */
    Set<String> upsertListings(List<StoredListing> listings, Map<String, Long> fileIdById, String keysConfig);

    /** Listings whose ids are not stored yet (one already stored is an error). */
    void insertListings(List<StoredListing> listings, Map<String, Long> fileIdById, String keysConfig);

    /** Replaces the config-dependent columns of stored listings (a full re-match under a new config). */
    void updateKeys(List<StoredListing> listings, String keysConfig);

    /**
     * Listings whose keys were computed under another config than {@code keysConfig}, in id order (code points)
     * after {@code afterId} (null: from the start), at most {@code limit}.
     */
    List<Listing> listingsKeyedOtherThan(String keysConfig, String afterId, int limit);

    /** Stored listings sharing at least one blocking key with {@code keys}, except {@code excluded}. */
    List<Listing> listingsSharingKeys(Collection<String> keys, Collection<String> excluded);

    /** Every day some listing is blocked on, ascending. */
    List<LocalDate> blockDays();

    /** The listings blocked on {@code day}, except those in {@code known} (the caller holds them already). */
    List<Listing> listingsBlockedOn(LocalDate day, Set<String> known);

    /** The stored listings among {@code ids}. */
    List<Listing> loadListings(Collection<String> ids);

    /** Every listing id, in id order. */
    void forEachListingId(Consumer<String> action);
}
