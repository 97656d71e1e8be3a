package org.eventdedup.matching.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The clustering of one run (matching-spec B §8).
 *
 * @param clusters          valid clusters, singletons included, ordered by smallest member id
 * @param flaggedClusters   clusters that failed a coherence check, ordered by smallest member id
 * @param singletonCount    components of one listing
 * @param totalClusterCount all components, valid and flagged
 * @param contradictions    labels that could not all hold (a must-link chain across a cannot-link), ordered by the
 *                          different pair; empty without labels
 */
public record ClusterResult(List<Cluster> clusters, List<Cluster> flaggedClusters, int singletonCount,
                            int totalClusterCount, List<LabelContradiction> contradictions) {
    public ClusterResult {
        clusters = List.copyOf(clusters);
        flaggedClusters = List.copyOf(flaggedClusters);
        contradictions = List.copyOf(contradictions);
    }

    /** A clustering without labels (so without contradictions). */
    public ClusterResult(List<Cluster> clusters, List<Cluster> flaggedClusters, int singletonCount,
                         int totalClusterCount) {
        this(clusters, flaggedClusters, singletonCount, totalClusterCount, List.of());
    }

    /** Valid clusters first, then flagged ones: the order canonical events are produced in. */
    public List<Cluster> all() {
        List<Cluster> all = new ArrayList<>(clusters.size() + flaggedClusters.size());
        all.addAll(clusters);
        all.addAll(flaggedClusters);
        return List.copyOf(all);
    }
}
