package org.eventdedup.matching.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.eventdedup.matching.canonical.CanonicalEvent;
import org.eventdedup.matching.cluster.Cluster;
import org.eventdedup.matching.cluster.ClusterResult;
import org.eventdedup.matching.model.PairDecision;

/**
 * The outcome of one {@link MatchingPipeline} run.
 *
 * @param decisions       one per candidate pair, sorted by (a, b) in code-point order; a read-only view over compact
 *                        columns that creates each {@link PairDecision} when it is read (do not hold on to all of
 *                        them for large runs)
 * @param clustering      valid and flagged clusters, each sorted by smallest member id
 * @param canonicalEvents one per cluster: valid clusters first, then flagged ones, in the order of
 *                        {@link ClusterResult#all()}
 * @param warnings        problems worth showing on the run (AI resolver failures and the like)
 */
public record MatchResult(MatchStats stats, List<PairDecision> decisions, ClusterResult clustering,
                          List<CanonicalEvent> canonicalEvents, List<String> warnings) {
    public MatchResult {
        Objects.requireNonNull(stats, "stats");
        // not copied: that would turn the compact columns into one object per pair
        decisions = Collections.unmodifiableList(Objects.requireNonNull(decisions, "decisions"));
        Objects.requireNonNull(clustering, "clustering");
        canonicalEvents = List.copyOf(canonicalEvents);
        warnings = List.copyOf(warnings);
    }

    /** Member ids of the valid clusters, singletons included. */
    public List<List<String>> clusters() {
        return ids(clustering.clusters());
    }

    /** Member ids of the flagged clusters. */
    public List<List<String>> flagged() {
        return ids(clustering.flaggedClusters());
    }

    private static List<List<String>> ids(List<Cluster> clusters) {
        List<List<String>> ids = new ArrayList<>(clusters.size());
        for (Cluster cluster : clusters) {
            ids.add(cluster.memberIds());
        }
        return Collections.unmodifiableList(ids);
    }
}
