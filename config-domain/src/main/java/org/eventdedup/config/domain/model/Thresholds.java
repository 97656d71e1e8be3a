package org.eventdedup.config.domain.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

public record Thresholds(
        @Doc(title = "Match threshold", value = "Combined score at or above which a pair is a match (unless the title veto applies).")
        @DecimalMin("0.0") @DecimalMax("1.0") double high,
        @Doc(title = "No-match threshold", value = "Combined score at or below which a pair is no match; between low and high a pair is ambiguous.")
        @DecimalMin("0.0") @DecimalMax("1.0") double low,
        @Doc(title = "Title veto", value = "A would-be match whose title score is below this stays ambiguous; 0 switches the veto off.")
        @DecimalMin("0.0") @DecimalMax("1.0") double titleVeto) {

    public static final Thresholds DEFAULT = new Thresholds(0.75, 0.35, 0.45);
}
