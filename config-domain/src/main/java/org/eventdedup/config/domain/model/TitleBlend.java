package org.eventdedup.config.domain.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/** Title blend used for pairs of different source types (article vs. calendar listing). */
public record TitleBlend(
        @Doc(title = "Primary weight", value = "Weight of token-sort similarity in the blend.")
        @DecimalMin("0.0") @DecimalMax("1.0") double primaryWeight,
        @Doc(title = "Secondary weight", value = "Weight of token-set similarity in the blend.")
        @DecimalMin("0.0") @DecimalMax("1.0") double secondaryWeight,
        @Doc(title = "Blend lower bound", value = "Blend only when the primary score is at least this.")
        @DecimalMin("0.0") @DecimalMax("1.0") double blendLower,
        @Doc(title = "Blend upper bound", value = "Blend only when the primary score is at most this.")
        @DecimalMin("0.0") @DecimalMax("1.0") double blendUpper) {
}
