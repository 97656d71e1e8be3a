package org.eventdedup.worker.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which canonical id each new cluster keeps (Part A 16): a grown or changed cluster keeps its id, a split keeps it on
 * the part holding most of the old members, a merge keeps the older (smaller) id. Old events are visited oldest
 * first; each takes the not yet taken new cluster holding most of its members (ties: the cluster with the smallest
 * member id). New clusters left over get new ids; old events left over are deleted. Pure and deterministic.
 */
final class CanonicalIds {

    /**
     * @param keptIds per new cluster, the old id it keeps, or -1 for a new event
     * @param removed old ids no new cluster keeps
     */
    record Assignment(long[] keptIds, List<Long> removed) {
    }

    private CanonicalIds() {
    }

    /**
     * @param oldMembers  old canonical id → its member ids
     * @param newClusters member ids per new cluster, clusters ordered by smallest member id
     */
    static Assignment assign(Map<Long, List<String>> oldMembers, List<List<String>> newClusters) {
        Map<String, Integer> clusterOf = new HashMap<>();
        for (int c = 0; c < newClusters.size(); c++) {
            for (String id : newClusters.get(c)) {
                clusterOf.put(id, c);
            }
        }
        long[] kept = new long[newClusters.size()];
        Arrays.fill(kept, -1);
        List<Long> removed = new ArrayList<>();
        for (Map.Entry<Long, List<String>> old : new TreeMap<>(oldMembers).entrySet()) {
            Map<Integer, Integer> overlap = new HashMap<>();
            for (String id : old.getValue()) {
                Integer c = clusterOf.get(id);
                if (c != null && kept[c] < 0) {
                    overlap.merge(c, 1, Integer::sum);
                }
            }
            int best = -1;
            int bestOverlap = 0;
            for (Map.Entry<Integer, Integer> e : overlap.entrySet()) {
                if (e.getValue() > bestOverlap || e.getValue() == bestOverlap && e.getKey() < best) {
                    best = e.getKey();
                    bestOverlap = e.getValue();
                }
            }
            if (best < 0) {
                removed.add(old.getKey());
            } else {
                kept[best] = old.getKey();
            }
        }
        return new Assignment(kept, removed);
    }
}
