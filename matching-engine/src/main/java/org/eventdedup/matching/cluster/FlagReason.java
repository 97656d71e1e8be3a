package org.eventdedup.matching.cluster;

/** Why a cluster of two or more listings was flagged for review; the checks run in this order (matching-spec B §8). */
public enum FlagReason {
    /** More members than {@code cluster.max_cluster_size}. */
    TOO_LARGE,
    /** Mean score of the cluster's match edges below {@code cluster.min_internal_similarity}. */
    LOW_INTERNAL_SIMILARITY,
    /** More distinct {@code dates[].date} values than {@code cluster.max_distinct_dates}. */
    TOO_MANY_DATES;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
