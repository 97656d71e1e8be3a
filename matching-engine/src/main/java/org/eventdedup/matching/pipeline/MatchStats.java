package org.eventdedup.matching.pipeline;

import java.util.Objects;
import org.eventdedup.matching.port.AiUsage;

/**
 * Figures of one pipeline run.
 *
 * @param totalEvents        listings matched
 * @param totalPossiblePairs {@code n(n-1)/2}
 * @param blockedPairs       candidate pairs after blocking (= decisions)
 * @param reductionPct       {@code (1 - blocked/possible) * 100}, 0 when no pair is possible (B §4.4)
 * @param matchCount         final decisions (after the AI tier) per outcome; the three add up to {@code blockedPairs}
 * @param aiStatus           whether and how the AI tier ran
 * @param aiCandidates       ambiguous pairs inside the AI window handed to the resolver
 * @param aiAnswered         candidates the resolver answered
 * @param aiChanged          candidates whose decision the AI changed
 * @param aiUsage            requests, cache hits, tokens and cost of the AI tier ({@link AiUsage#NONE} when it did not
 *                           call the resolver)
 * @param clusterCount       valid clusters, singletons included
 * @param singletonCount     clusters of one listing
 * @param flaggedCount       clusters that failed a coherence check
 * @param canonicalCount     canonical events (= clusterCount + flaggedCount)
 * @param timings            per stage; not a result (varies between runs)
 */
public record MatchStats(long totalEvents, long totalPossiblePairs, long blockedPairs, double reductionPct,
                         int matchCount, int ambiguousCount, int noMatchCount,
                         AiStatus aiStatus, int aiCandidates, int aiAnswered, int aiChanged, AiUsage aiUsage,
                         int clusterCount, int singletonCount, int flaggedCount, int canonicalCount,
                         StageTimings timings) {
    public MatchStats {
        Objects.requireNonNull(aiStatus, "aiStatus");
        Objects.requireNonNull(aiUsage, "aiUsage");
        Objects.requireNonNull(timings, "timings");
    }

    /** All components of the match graph, valid and flagged. */
    public int totalClusterCount() {
        return clusterCount + flaggedCount;
    }
}
