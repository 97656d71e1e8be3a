package org.eventdedup.worker.port;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.eventdedup.matching.canonical.CanonicalEvent;

/** Canonical events and the listings each one is made of. */
public interface CanonicalStore {

    /** Members of the canonical events that hold any of {@code ids}: canonical id → member ids in id order. */
    Map<Long, List<String>> canonicalsHolding(Collection<String> ids);

    /** Every (canonical id, listing id) link. */
    void forEachLink(BiConsumer<Long, String> action);

    /** @return the new event's id */
    long insertCanonical(CanonicalEvent event, long configVersion);

    /** @return true when the event changed (its version went up), false when it was already so */
    boolean updateCanonical(long id, CanonicalEvent event, long configVersion);

    void deleteCanonicals(Collection<Long> ids);

    /** Replaces the links of {@code listingIds} with {@code membersByCanonical}. */
    void replaceLinks(Collection<String> listingIds, Map<Long, List<String>> membersByCanonical);
}
