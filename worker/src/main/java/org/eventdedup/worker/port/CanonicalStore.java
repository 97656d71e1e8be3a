package org.eventdedup.worker.port;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.eventdedup.matching.canonical.CanonicalEvent;

/** Canonical events and the listings each one is made of. */
public interface CanonicalStore {

    /** Members of the canonical events that hold any of {@code ids}: canonical id → member ids in id order. */
    Map<Long, List<String>> canonicalsHolding(Collection<String> ids);

    /** Every (canonical id, listing id) link. */
    void forEachLink(BiConsumer<Long, String> action);

    /**
     * Gets events ready to be written (serialised, hashed) ahead of {@link #insertCanonicals} and
     * {@link #updateCanonicals} for the same event objects, which then skip that work. Touches no connection, so a run
     * calls it while earlier writes still hold the store's connection; optional for a store with nothing to prepare.
     */
    default void prepareCanonicals(Collection<CanonicalEvent> events) {
    }

    /** @return the new events' ids, in the order of {@code events} */
    List<Long> insertCanonicals(List<CanonicalEvent> events, long configVersion);

    /**
     * Stores new contents of existing events; an event whose content is already so is not written.
     *
     * @return the ids of the events that changed (their version went up)
     */
    Set<Long> updateCanonicals(Map<Long, CanonicalEvent> events, long configVersion);

    void deleteCanonicals(Collection<Long> ids);

    /**
     * Replaces the links of {@code listingIds} with {@code membersByCanonical}; a link that stays as it is is not
     * written.
     */
    void replaceLinks(Collection<String> listingIds, Map<Long, List<String>> membersByCanonical);
}
