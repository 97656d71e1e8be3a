package org.eventdedup.worker.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.worker.port.DecisionOutcome;
import org.eventdedup.worker.port.DecisionStore;
import org.eventdedup.worker.port.ListingStore;

/**
 * The decisions stored before a full re-match, held compactly so that the re-match writes only what changed: per pair
 * a 64-bit key (the two listings' positions in id order) and its 64-bit {@link DecisionOutcome}, 16 bytes a pair
 * instead of a row object. A pair decided again with the same
 * outcome is left alone, a new or different one is written, and the pairs no longer compared are deleted at the end.
 * Not thread-safe.
 */
final class StoredDecisions {

    private final Map<String, Integer> positions;
    private final String[] ids;
    private final long[] keys;
    private final long[] outcomes;
    private final BitSet seen;

    private StoredDecisions(Map<String, Integer> positions, String[] ids, long[] keys, long[] outcomes) {
        this.positions = positions;
        this.ids = ids;
        this.keys = keys;
        this.outcomes = outcomes;
        this.seen = new BitSet(keys.length);
    }

    /** Reads every listing id and every decision once, streamed. */
    static StoredDecisions load(ListingStore listings, DecisionStore decisions) {
        List<String> idList = new ArrayList<>();
        listings.forEachListingId(idList::add);
        Map<String, Integer> positions = new HashMap<>(idList.size() * 2);
        for (int i = 0; i < idList.size(); i++) {
            positions.put(idList.get(i), i);
        }
        LongColumn keys = new LongColumn();
        LongColumn outcomes = new LongColumn();
        decisions.forEachOutcome((a, b, outcome) -> {
            long key = key(positions, a, b);
            if (key < 0) {
                throw new IllegalStateException("stored decision (" + a + ", " + b
                        + ") names a listing that is not stored");
            }
            keys.add(key);
            outcomes.add(outcome);
        });
        long[] k = keys.toArray();
        long[] o = outcomes.toArray();
        for (int i = 1; i < k.length; i++) {
            if (k[i - 1] >= k[i]) {
                throw new IllegalStateException("stored decisions are not in pair order at (" + idList.get(
                        (int) (k[i] >>> 32)) + ", " + idList.get((int) k[i]) + ")");
            }
        }
        return new StoredDecisions(positions, idList.toArray(new String[0]), k, o);
    }

    /** @return whether {@code decision} must be written: its pair is new or its outcome differs from the stored one */
    boolean differs(PairDecision decision) {
        long key = key(positions, decision.a(), decision.b());
        int at = key < 0 ? -1 : Arrays.binarySearch(keys, key);
        if (at < 0) {
            return true;
        }
        seen.set(at);
        return outcomes[at] != DecisionOutcome.of(decision);
    }

    /** The stored pairs no decision of this re-match named: compared no more, to delete. */
    List<String[]> unseen() {
        List<String[]> pairs = new ArrayList<>();
        for (int i = seen.nextClearBit(0); i < keys.length; i = seen.nextClearBit(i + 1)) {
            pairs.add(new String[] {ids[(int) (keys[i] >>> 32)], ids[(int) keys[i]]});
        }
        return pairs;
    }

    int listingCount() {
        return ids.length;
    }

    /** -1 when a listing is not among the stored ones (a pair of listings stored during this run is new anyway). */
    private static long key(Map<String, Integer> positions, String a, String b) {
        Integer x = positions.get(a);
        Integer y = positions.get(b);
        return x == null || y == null ? -1 : ((long) x << 32) | y;
    }

    /** A growable column of longs (no boxing: millions of pairs). */
    private static final class LongColumn {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
