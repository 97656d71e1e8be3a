package org.eventdedup.config.domain.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;

public record GeoConfig(
        @Doc(title = "Maximum distance (km)", value = "Distance at which the geo score reaches 0.")
        @Positive double maxDistanceKm,
        @Doc(title = "Minimum geo confidence", value = "Coordinates less certain than this give the neutral score (unless both points are identical).")
        @DecimalMin("0.0") @DecimalMax("1.0") double minConfidence,
        @Doc(title = "Neutral score", value = "Geo score when a location is missing or untrusted.")
        @DecimalMin("0.0") @DecimalMax("1.0") double neutralScore,
        @Doc(title = "Venue match distance (km)", value = "Below this distance the venue names are compared.")
        @Positive double venueMatchDistanceKm,
        @Doc(title = "Venue mismatch factor", value = "Multiplier on the geo score when close venues have different names.")
        @DecimalMin("0.0") @DecimalMax("1.0") double venueMismatchFactor,
        @Doc(title = "Venue name minimum similarity", value = "Venue names less similar than this count as different venues.")
        @DecimalMin("0.0") @DecimalMax("1.0") double venueNameMinSimilarity) {

    public static final GeoConfig DEFAULT = new GeoConfig(10.0, 0.85, 0.5, 1.0, 0.5, 0.5);
}
