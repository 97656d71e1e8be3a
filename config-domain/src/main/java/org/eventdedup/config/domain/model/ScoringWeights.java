package org.eventdedup.config.domain.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/** The four signal weights; each set must sum to 1.0 (see {@code ConfigRules}). */
public record ScoringWeights(
        @Doc(title = "Date weight", value = "Weight of the date/time signal in the combined score.")
        @DecimalMin("0.0") @DecimalMax("1.0") double date,
        @Doc(title = "Geo weight", value = "Weight of the location (distance, venue) signal.")
        @DecimalMin("0.0") @DecimalMax("1.0") double geo,
        @Doc(title = "Title weight", value = "Weight of the title similarity signal.")
        @DecimalMin("0.0") @DecimalMax("1.0") double title,
        @Doc(title = "Description weight", value = "Weight of the description similarity signal.")
        @DecimalMin("0.0") @DecimalMax("1.0") double description) {

    public static final ScoringWeights DEFAULT = new ScoringWeights(0.30, 0.25, 0.30, 0.15);

    public double sum() {
        return date + geo + title + description;
    }
}
