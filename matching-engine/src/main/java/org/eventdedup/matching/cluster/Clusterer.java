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
import org.eventdedup.matching.evaluation.IdPair;
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
 *
 * <p><b>Labels.</b> With {@link LabelConstraints}, the listings of each {@code same} pair are joined first
 * (must-links, whether or not the pair was ever compared), then the match edges are added strongest first (combined
 * score, then pair in code-point order); an edge that would put the two listings of a {@code different} pair into one
 * cluster is left out. So a would-be cluster holding a cannot-link is split at its weakest edges, and only at the
 * edges needed to keep the two apart; must-links are never cut. A must-link chain across a cannot-link is a
 * {@link LabelContradiction}: the must-links win and it is reported in {@link ClusterResult#contradictions()}.
 * Labels naming a listing that is not being clustered are ignored. Without labels nothing is sorted or checked.
 */
public final class Clusterer {

    static final Comparator<PairDecision> BY_PAIR =
            Comparator.comparing(PairDecision::a, CodePoints.ORDER).thenComparing(PairDecision::b, CodePoints.ORDER);

    /** Clusters the listings; the date-spread check uses each listing's {@code dates[].date} values. */
    public ClusterResult cluster(List<Listing> listings, List<PairDecision> decisions, ClusterConfig config) {
        return cluster(listings, decisions, config, LabelConstraints.NONE);
    }

    /** Clusters the listings under the operators' labels (see the class comment). */
    public ClusterResult cluster(List<Listing> listings, List<PairDecision> decisions, ClusterConfig config,
                                 LabelConstraints labels) {
        Objects.requireNonNull(listings, "listings");
        List<String> ids = new ArrayList<>(listings.size());
        Map<String, List<EventDate>> datesById = new HashMap<>(listings.size() * 2);
        for (Listing listing : listings) {
            ids.add(listing.id());
            datesById.put(listing.id(), listing.dates());
        }
        return cluster(ids, decisions, config, id -> datesById.get(id), labels);
    }

    /** Clusters bare ids: without event data the date-spread check is skipped (B §8, example CL5). */
    public ClusterResult clusterIds(Collection<String> ids, List<PairDecision> decisions, ClusterConfig config) {
        return cluster(List.copyOf(ids), decisions, config, null, LabelConstraints.NONE);
    }

    /** Clusters bare ids under the operators' labels. */
    public ClusterResult clusterIds(Collection<String> ids, List<PairDecision> decisions, ClusterConfig config,
                                    LabelConstraints labels) {
        return cluster(List.copyOf(ids), decisions, config, null, labels);
    }

    private ClusterResult cluster(List<String> ids, List<PairDecision> decisions, ClusterConfig config,
                                  Function<String, List<EventDate>> datesOf, LabelConstraints labels) {
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(labels, "labels");
        int n = ids.size();
        Map<String, Integer> indexOf = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (indexOf.put(ids.get(i), i) != null) {
                throw new IllegalArgumentException("listing id occurs twice: " + ids.get(i));
            }
        }

        LabelConstraints applicable = labels.isEmpty() ? labels : labels.within(indexOf::containsKey);
        UnionFind components = new UnionFind(n);
        int[] endA = new int[decisions.size()];
        int[] endB = new int[decisions.size()];
        boolean constrained = !applicable.isEmpty();
        for (int k = 0; k < decisions.size(); k++) {
            PairDecision d = decisions.get(k);
            int ia = indexOf(indexOf, d.a());
            int ib = indexOf(indexOf, d.b());
            endA[k] = ia;
            endB[k] = ib;
            if (!constrained && d.decision() == Decision.MATCH) {
                components.union(ia, ib);
            }
        }
        List<LabelContradiction> contradictions = List.of();
        if (constrained) {
            contradictions = applicable.contradictions();
            joinUnderLabels(components, decisions, endA, endB, applicable, contradictions, indexOf);
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
        return new ClusterResult(valid, flagged, singletons, members.size(), contradictions);
    }

    /**
     * Must-links first, then match edges strongest first, leaving out each edge that would join the two listings of a
     * cannot-link that still holds (the contradicted ones cannot: their must-links already joined them).
     */
    private static void joinUnderLabels(UnionFind components, List<PairDecision> decisions, int[] endA, int[] endB,
                                        LabelConstraints labels, List<LabelContradiction> contradictions,
                                        Map<String, Integer> indexOf) {
        for (IdPair pair : labels.same()) {
            components.union(indexOf.get(pair.a()), indexOf.get(pair.b()));
        }
        Set<IdPair> broken = new HashSet<>();
        for (LabelContradiction contradiction : contradictions) {
            broken.add(contradiction.different());
        }
        // cannot-link partners of each set's root; merged smaller into larger as sets join
        Map<Integer, List<Integer>> apart = new HashMap<>();
        for (IdPair pair : labels.different()) {
            if (broken.contains(pair)) {
                continue;
            }
            int a = indexOf.get(pair.a());
            int b = indexOf.get(pair.b());
            apart.computeIfAbsent(components.find(a), r -> new ArrayList<>()).add(b);
            apart.computeIfAbsent(components.find(b), r -> new ArrayList<>()).add(a);
        }
        List<Integer> matches = new ArrayList<>();
        for (int k = 0; k < decisions.size(); k++) {
            if (decisions.get(k).decision() == Decision.MATCH) {
                matches.add(k);
            }
        }
        matches.sort((x, y) -> {
            int byScore = Double.compare(decisions.get(y).score(), decisions.get(x).score());
            return byScore != 0 ? byScore : BY_PAIR.compare(decisions.get(x), decisions.get(y));
        });
        for (int k : matches) {
            int ra = components.find(endA[k]);
            int rb = components.find(endB[k]);
            if (ra == rb) {
                continue;
            }
            List<Integer> partnersA = apart.get(ra);
            List<Integer> partnersB = apart.get(rb);
            if (partnersA != null && partnersB != null && wouldJoinApart(components, partnersA, partnersB, ra, rb)) {
                continue; // the edge would join a cannot-link: it is cut
            }
            components.union(ra, rb);
            int root = components.find(ra);
            List<Integer> merged = partnersA == null ? partnersB : partnersB == null ? partnersA
                    : partnersA.size() >= partnersB.size() ? partnersA : partnersB;
            if (partnersA != null && partnersB != null) {
                merged.addAll(merged == partnersA ? partnersB : partnersA);
            }
            apart.remove(ra);
            apart.remove(rb);
            if (merged != null) {
                apart.put(root, merged);
            }
        }
    }

    /** Whether a cannot-link partner of one set lies in the other (checked from the side with fewer partners). */
    private static boolean wouldJoinApart(UnionFind components, List<Integer> partnersA, List<Integer> partnersB, int ra,
                                int rb) {
        List<Integer> fewer = partnersA.size() <= partnersB.size() ? partnersA : partnersB;
        int other = fewer == partnersA ? rb : ra;
        for (int partner : fewer) {
            if (components.find(partner) == other) {
                return true;
            }
        }
        return false;
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
