package org.eventdedup.matching.cluster;

import org.eventdedup.matching.text.CodePoints;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.eventdedup.config.domain.model.ClusterConfig;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;

/**
 * Groups listings into clusters: connected components over {@code match} edges, then coherence checks
 * (matching-spec B §8 with Part A: the date limit is {@code cluster.max_distinct_dates}).
 *
 * <p>Every listing is a node, so listings without a match become singletons. The output does not depend on the
 * order of the inputs: members are sorted by id, clusters by their smallest member id, and each cluster's decisions
 * by (a, b) so that sums over edges are added in one fixed order.
 */
public final class Clusterer {

    static final Comparator<PairDecision> BY_PAIR =
            Comparator.comparing(PairDecision::a, CodePoints.ORDER).thenComparing(PairDecision::b, CodePoints.ORDER);

    /** Clusters the listings; the date-spread check uses each listing's {@code dates[].date} values. */
    public ClusterResult cluster(List<Listing> listings, List<PairDecision> decisions, ClusterConfig config) {
        Objects.requireNonNull(listings, "listings");
        List<String> ids = new ArrayList<>(listings.size());
        Map<String, List<EventDate>> datesById = new HashMap<>(listings.size() * 2);
        for (Listing listing : listings) {
            ids.add(listing.id());
            datesById.put(listing.id(), listing.dates());
        }
        return cluster(ids, decisions, config, id -> datesById.get(id));
    }

    /** Clusters bare ids: without event data the date-spread check is skipped (B §8, example CL5). */
    public ClusterResult clusterIds(Collection<String> ids, List<PairDecision> decisions, ClusterConfig config) {
        return cluster(List.copyOf(ids), decisions, config, null);
    }

    private ClusterResult cluster(List<String> ids, List<PairDecision> decisions, ClusterConfig config,
                                  Function<String, List<EventDate>> datesOf) {
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(config, "config");
        int n = ids.size();
        Map<String, Integer> indexOf = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (indexOf.put(ids.get(i), i) != null) {
                throw new IllegalArgumentException("listing id occurs twice: " + ids.get(i));
            }
        }

        UnionFind components = new UnionFind(n);
        int[] endA = new int[decisions.size()];
        int[] endB = new int[decisions.size()];
        for (int k = 0; k < decisions.size(); k++) {
            PairDecision d = decisions.get(k);
            int ia = indexOf(indexOf, d.a());
            int ib = indexOf(indexOf, d.b());
            endA[k] = ia;
            endB[k] = ib;
            if (d.decision() == Decision.MATCH) {
                components.union(ia, ib);
            }
        }

        // Number the components in the order of their smallest member id; members are then added in id order.
        Integer[] byId = new Integer[n];
        for (int i = 0; i < n; i++) {
            byId[i] = i;
        }
        Arrays.sort(byId, Comparator.comparing(ids::get, CodePoints.ORDER));
        int[] clusterOfRoot = new int[n];
        Arrays.fill(clusterOfRoot, -1);
        int[] clusterOf = new int[n];
        List<List<String>> members = new ArrayList<>();
        for (int i : byId) {
            int root = components.find(i);
            if (clusterOfRoot[root] < 0) {
                clusterOfRoot[root] = members.size();
                members.add(new ArrayList<>());
            }
            clusterOf[i] = clusterOfRoot[root];
            members.get(clusterOf[i]).add(ids.get(i));
        }

        // Bucket every decision once by the cluster holding both its listings (Part A 7).
        List<List<PairDecision>> buckets = new ArrayList<>(members.size());
        for (int c = 0; c < members.size(); c++) {
            buckets.add(new ArrayList<>(0));
        }
        for (int k = 0; k < decisions.size(); k++) {
            int ca = clusterOf[endA[k]];
            if (ca == clusterOf[endB[k]]) {
                buckets.get(ca).add(decisions.get(k));
            }
        }

        List<Cluster> valid = new ArrayList<>();
        List<Cluster> flagged = new ArrayList<>();
        int singletons = 0;
        for (int c = 0; c < members.size(); c++) {
            List<PairDecision> inside = buckets.get(c);
            inside.sort(BY_PAIR);
            rejectDuplicatePairs(inside);
            Cluster cluster = new Cluster(members.get(c), inside, null);
            if (cluster.isSingleton()) {
                singletons++;
            }
            ClusterFlag flag = check(cluster, config, datesOf);
            if (flag == null) {
                valid.add(cluster);
            } else {
                flagged.add(cluster.withFlag(flag));
            }
        }
        return new ClusterResult(valid, flagged, singletons, members.size());
    }

    /** The first failing coherence check in the order size, internal similarity, date spread; null if coherent. */
    private static ClusterFlag check(Cluster cluster, ClusterConfig config,
                                     Function<String, List<EventDate>> datesOf) {
        if (cluster.isSingleton()) {
            return null;
        }
        if (cluster.size() > config.maxClusterSize()) {
            return new ClusterFlag(FlagReason.TOO_LARGE, cluster.size(), config.maxClusterSize());
        }
        Double mean = cluster.matchConfidence();
        if (mean != null && mean < config.minInternalSimilarity()) {
            return new ClusterFlag(FlagReason.LOW_INTERNAL_SIMILARITY, mean, config.minInternalSimilarity());
        }
        if (datesOf != null) {
            Set<LocalDate> distinct = new HashSet<>();
            for (String id : cluster.memberIds()) {
                for (EventDate date : datesOf.apply(id)) {
                    distinct.add(date.date()); // end_date is not counted (B §8)
                }
            }
            if (distinct.size() > config.maxDistinctDates()) {
                return new ClusterFlag(FlagReason.TOO_MANY_DATES, distinct.size(), config.maxDistinctDates());
            }
        }
        return null;
    }

    private static int indexOf(Map<String, Integer> indexOf, String id) {
        Integer index = indexOf.get(id);
        if (index == null) {
            throw new IllegalArgumentException("decision refers to a listing that is not being clustered: " + id);
        }
        return index;
    }

    private static void rejectDuplicatePairs(List<PairDecision> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            PairDecision previous = sorted.get(i - 1);
            PairDecision current = sorted.get(i);
            if (previous.a().equals(current.a()) && previous.b().equals(current.b())) {
                throw new IllegalArgumentException(
                        "two decisions for the pair (" + current.a() + ", " + current.b() + ")");
            }
        }
    }

    /** Disjoint sets over listing indexes, with path halving and union by size. */
    private static final class UnionFind {
        private final int[] parent;
        private final int[] size;

        UnionFind(int n) {
            parent = new int[n];
            size = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
                size[i] = 1;
            }
        }

        int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            if (size[ra] < size[rb]) {
                int t = ra;
                ra = rb;
                rb = t;
            }
            parent[rb] = ra;
            size[ra] += size[rb];
        }
    }
}
