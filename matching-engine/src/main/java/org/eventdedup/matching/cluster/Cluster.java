package org.eventdedup.matching.cluster;

import java.util.List;
import java.util.Objects;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.PairDecision;

/**
 * One connected component of the match graph.
 *
 * @param memberIds listing ids, sorted by id
 * @param decisions every decision (match, ambiguous or no_match) whose two listings are both members, sorted by
 *                  (a, b); bucketed once by the {@link Clusterer}, so per-cluster figures never scan all decisions
 * @param flag      the failed coherence check, or null when the cluster is valid
 */
public record Cluster(List<String> memberIds, List<PairDecision> decisions, ClusterFlag flag) {
    public Cluster {
        memberIds = List.copyOf(memberIds);
        decisions = List.copyOf(decisions);
        if (memberIds.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one member");
        }
    }

    public boolean isFlagged() {
        return flag != null;
    }

    public boolean isSingleton() {
        return memberIds.size() == 1;
    }

    public int size() {
        return memberIds.size();
    }

    /** Mean combined score of the match edges inside the cluster; null when there are none (singletons). */
    public Double matchConfidence() {
        double sum = 0;
        int count = 0;
        for (PairDecision d : decisions) {
            if (d.decision() == Decision.MATCH) {
                sum += d.score();
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }

    /** True when at least one match edge inside the cluster was decided by the AI (matching-spec Part A 7). */
    public boolean aiAssisted() {
        for (PairDecision d : decisions) {
            if (d.decision() == Decision.MATCH && d.tier().isAi()) {
                return true;
            }
        }
        return false;
    }

    Cluster withFlag(ClusterFlag value) {
        return new Cluster(memberIds, decisions, Objects.requireNonNull(value, "flag"));
    }
}
