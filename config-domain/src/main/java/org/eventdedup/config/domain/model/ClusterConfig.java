package org.eventdedup.config.domain.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

public record ClusterConfig(
        @Doc(title = "Maximum cluster size", value = "Larger clusters are flagged for review.")
        @Min(2) int maxClusterSize,
        @Doc(title = "Minimum internal similarity", value = "Clusters whose mean edge score is lower are flagged.")
        @DecimalMin("0.0") @DecimalMax("1.0") double minInternalSimilarity,
        @Doc(title = "Maximum distinct dates", value = "Clusters spanning more distinct dates are flagged.")
        @Positive int maxDistinctDates) {

    public static final ClusterConfig DEFAULT = new ClusterConfig(15, 0.40, 3);
}
