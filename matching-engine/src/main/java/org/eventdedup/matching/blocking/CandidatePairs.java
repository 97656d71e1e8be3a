package org.eventdedup.matching.blocking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.matching.scoring.PreparedListing;
import org.eventdedup.matching.text.CodePoints;

/**
 * The candidate pairs of a set of listings (matching-spec B §4.4): every unordered pair of listings sharing at least
 * one blocking key, once, same-source pairs included, sorted by first id then second id (code points). Pairs are
 * kept as primitive longs ({@code firstIndex << 32 | secondIndex} into the id-sorted listings), so millions of
 * pairs cost 8 bytes each and no boxing. Immutable.
 */
public final class CandidatePairs {

    private final List<PreparedListing> listings;
    private final long[] pairs;
    private final Stats stats;

    private CandidatePairs(List<PreparedListing> listings, long[] pairs) {
        this.listings = listings;
        this.pairs = pairs;
        long n = listings.size();
        long possible = n * (n - 1) / 2;
        double reduction = possible == 0 ? 0.0 : (1.0 - (double) pairs.length / possible) * 100.0;
        this.stats = new Stats(n, possible, pairs.length, reduction);
    }

    /**
     * Blocks {@code listings} (any order; ids must be distinct) with {@code keys}.
     *
     * @throws IllegalArgumentException when two listings share an id
     * @throws IllegalStateException when the blocks would yield more pairs than one array can hold
     */
    public static CandidatePairs generate(List<PreparedListing> listings, BlockingKeys keys) {
        Objects.requireNonNull(keys, "keys");
        List<PreparedListing> sorted = new ArrayList<>(listings);
        sorted.sort((x, y) -> CodePoints.compare(x.id(), y.id()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).id().equals(sorted.get(i).id())) {
                throw new IllegalArgumentException("duplicate listing id: " + sorted.get(i).id());
            }
        }
        // (key number << 32 | listing index) for every key of every listing; sorting groups the blocks
        Map<String, Integer> keyNumbers = new HashMap<>();
        long[] entries = new long[Math.max(16, sorted.size() * 2)];
        int entryCount = 0;
        for (int index = 0; index < sorted.size(); index++) {
            for (String key : keys.keysFor(sorted.get(index))) {
                Integer number = keyNumbers.putIfAbsent(key, keyNumbers.size());
                long keyNumber = number == null ? keyNumbers.size() - 1 : number;
                if (entryCount == entries.length) {
                    entries = Arrays.copyOf(entries, entries.length * 2);
                }
                entries[entryCount++] = keyNumber << 32 | index;
            }
        }
        Arrays.sort(entries, 0, entryCount);
        long pairCount = 0;
        for (int start = 0, end; start < entryCount; start = end) {
            end = blockEnd(entries, start, entryCount);
            long size = end - start;
            pairCount += size * (size - 1) / 2;
        }
        if (pairCount > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("blocking yields " + pairCount + " pairs, more than the limit of "
                    + (Integer.MAX_VALUE - 8) + "; blocks are too large");
        }
        long[] pairs = new long[(int) pairCount];
        int p = 0;
        for (int start = 0, end; start < entryCount; start = end) {
            end = blockEnd(entries, start, entryCount);
            for (int x = start; x < end; x++) {
                long first = entries[x] & 0xFFFF_FFFFL;
                for (int y = x + 1; y < end; y++) {
                    pairs[p++] = first << 32 | (entries[y] & 0xFFFF_FFFFL);
                }
            }
        }
        Arrays.sort(pairs);
        int unique = 0;
        for (int k = 0; k < pairs.length; k++) {
            if (unique == 0 || pairs[k] != pairs[unique - 1]) {
                pairs[unique++] = pairs[k];
            }
        }
        return new CandidatePairs(Collections.unmodifiableList(sorted),
                unique == pairs.length ? pairs : Arrays.copyOf(pairs, unique));
    }

    private static int blockEnd(long[] entries, int start, int limit) {
        long key = entries[start] >>> 32;
        int end = start + 1;
        while (end < limit && entries[end] >>> 32 == key) {
            end++;
        }
        return end;
    }

    /** The listings sorted by id (code points); pair indices point into this list. */
    public List<PreparedListing> listings() {
        return listings;
    }

    public int size() {
        return pairs.length;
    }

    /** The listing with the smaller id of pair {@code k}. */
    public PreparedListing first(int k) {
        return listings.get(firstIndex(k));
    }

    /** The listing with the larger id of pair {@code k}. */
    public PreparedListing second(int k) {
        return listings.get(secondIndex(k));
    }

    public int firstIndex(int k) {
        return (int) (pairs[k] >>> 32);
    }

    public int secondIndex(int k) {
        return (int) pairs[k];
    }

    public Stats stats() {
        return stats;
    }

    /** Spec B §4.4 statistics; {@code reductionPct} is 0 when no pair is possible. */
    public record Stats(long totalEvents, long totalPossiblePairs, long blockedPairs, double reductionPct) {
    }
}
