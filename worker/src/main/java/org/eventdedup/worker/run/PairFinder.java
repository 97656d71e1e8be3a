package org.eventdedup.worker.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Candidate pairs from blocking keys (matching-spec B §4.4) where only some pairs are wanted: those touching a new
 * listing (incremental run) or first met on one day (full re-match streamed by day). Listings are given in id order;
 * pairs come back as {@code first << 32 | second} indexes, sorted, each once.
 */
final class PairFinder {

    @FunctionalInterface
    interface PairFilter {
        boolean accept(int first, int second);
    }

    private PairFinder() {
    }

    static long[] pairs(List<List<String>> keysByListing, PairFilter filter) {
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < keysByListing.size(); i++) {
            for (String key : keysByListing.get(i)) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        long[] pairs = new long[16];
        int count = 0;
        for (List<Integer> block : blocks.values()) {
            for (int x = 0; x < block.size(); x++) {
                for (int y = x + 1; y < block.size(); y++) {
                    int first = Math.min(block.get(x), block.get(y));
                    int second = Math.max(block.get(x), block.get(y));
                    if (filter.accept(first, second)) {
                        if (count == pairs.length) {
                            pairs = Arrays.copyOf(pairs, count * 2);
                        }
                        pairs[count++] = (long) first << 32 | second;
                    }
                }
            }
        }
        Arrays.sort(pairs, 0, count);
        int unique = 0;
        for (int k = 0; k < count; k++) {
            if (unique == 0 || pairs[k] != pairs[unique - 1]) {
                pairs[unique++] = pairs[k];
            }
        }
        return Arrays.copyOf(pairs, unique);
    }

    /** The day a blocking key names ({@code dc|2026-02-12|kenzingen} → {@code 2026-02-12}). */
    static String dayOf(String key) {
        int start = key.indexOf('|') + 1;
        int end = key.indexOf('|', start);
        return key.substring(start, end < 0 ? key.length() : end);
    }

    /** The earliest day on which two listings share a key, or null when they share none. */
    static String earliestSharedDay(List<String> keysA, List<String> keysB) {
        List<String> smaller = keysA.size() <= keysB.size() ? keysA : keysB;
        List<String> larger = smaller == keysA ? keysB : keysA;
        java.util.Set<String> set = new java.util.HashSet<>(smaller);
        String earliest = null;
        for (String key : larger) {
            if (set.contains(key)) {
                String day = dayOf(key);
                if (earliest == null || day.compareTo(earliest) < 0) {
                    earliest = day;
                }
            }
        }
        return earliest;
    }
}
