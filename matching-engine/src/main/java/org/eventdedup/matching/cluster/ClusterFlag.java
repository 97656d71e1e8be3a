package org.eventdedup.matching.cluster;

import java.util.Objects;

/** The first coherence check a cluster failed, with the measured value and the configured limit. */
public record ClusterFlag(FlagReason reason, double actual, double limit) {
    public ClusterFlag {
        Objects.requireNonNull(reason, "reason");
    }

    /** A sentence for the review queue, e.g. "16 members, more than max_cluster_size 15". */
    public String detail() {
        return switch (reason) {
            case TOO_LARGE -> (long) actual + " members, more than max_cluster_size " + (long) limit;
            case LOW_INTERNAL_SIMILARITY -> "mean match score " + actual + ", below min_internal_similarity " + limit;
            case TOO_MANY_DATES -> (long) actual + " distinct dates, more than max_distinct_dates " + (long) limit;
        };
    }
}
