package org.eventdedup.config.domain.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

public record TitleConfig(
        @Doc(title = "Primary weight", value = "Weight of token-sort similarity (the words of each title sorted, then compared as text; word order does not matter) in the blend. Primary and secondary need not add up to 1: the blend is divided by their sum, so only their ratio counts.")
        @DecimalMin("0.0") @DecimalMax("1.0") double primaryWeight,
        @Doc(title = "Secondary weight", value = "Weight of token-set similarity (compares the words both titles share with the rest; a title contained in the other scores high) in the blend.")
        @DecimalMin("0.0") @DecimalMax("1.0") double secondaryWeight,
        @Doc(title = "Blend lower bound", value = "Blend only when the token-sort score is at least this; below it the token-sort score alone is the title score.")
        @DecimalMin("0.0") @DecimalMax("1.0") double blendLower,
        @Doc(title = "Blend upper bound", value = "Blend only when the token-sort score is at most this; above it the token-sort score alone is the title score.")
        @DecimalMin("0.0") @DecimalMax("1.0") double blendUpper,
        @Doc(title = "Cross-source-type override", value = "Title blend for article vs. calendar pairs; empty means the main blend applies.")
        @Nullable TitleBlend crossSourceType) {

    public static final TitleConfig DEFAULT = new TitleConfig(0.7, 0.3, 0.40, 0.80, null);

    /** The blend to use for a pair; {@code crossSourceType} true when the two listings have different source types. */
    public TitleBlend blendFor(boolean crossSourceTypePair) {
        if (crossSourceTypePair && crossSourceType != null) {
            return crossSourceType;
        }
        return new TitleBlend(primaryWeight, secondaryWeight, blendLower, blendUpper);
    }
}
