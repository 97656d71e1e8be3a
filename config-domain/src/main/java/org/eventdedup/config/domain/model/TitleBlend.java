package org.eventdedup.config.domain.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/** Title blend used for pairs of different source types (article vs. calendar listing). */
public record TitleBlend(
        @Doc(title = "Primary weight", value = "Weight of token-sort similarity (the words of each title sorted, then compared as text; word order does not matter) in the blend. Primary and secondary need not add up to 1: the blend is divided by their sum, so only their ratio counts.")
        @DecimalMin("0.0") @DecimalMax("1.0") double primaryWeight,
        @Doc(title = "Secondary weight", value = "Weight of token-set similarity (compares the words both titles share with the rest; a title contained in the other scores high) in the blend.")
        @DecimalMin("0.0") @DecimalMax("1.0") double secondaryWeight,
        @Doc(title = "Blend lower bound", value = "Blend only when the token-sort score is at least this; below it the token-sort score alone is the title score.")
        @DecimalMin("0.0") @DecimalMax("1.0") double blendLower,
        @Doc(title = "Blend upper bound", value = "Blend only when the token-sort score is at most this; above it the token-sort score alone is the title score.")
        @DecimalMin("0.0") @DecimalMax("1.0") double blendUpper) {
}
