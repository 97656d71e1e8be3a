package org.eventdedup.config.domain.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;

public record BlockingConfig(
        @Doc(title = "Grid cell height (degrees latitude)", value = "Listings in the same cell on the same day become candidates.")
        @Positive double geoGridLatDeg,
        @Doc(title = "Grid cell width (degrees longitude)", value = "East–west size of a blocking cell; 0.13° is about 10 km at 48° N.")
        @Positive double geoGridLonDeg,
        @Doc(title = "Minimum geo confidence for blocking", value = "Less certain coordinates block by city instead.")
        @DecimalMin("0.0") @DecimalMax("1.0") double minGeoConfidence,
        @Doc(title = "Bounding box", value = "Coordinates outside are not trusted for blocking; empty means anywhere.")
        @Nullable BoundingBox boundingBox,
        @Doc(title = "Maximum range days", value = "Multi-day events are expanded day by day up to this many days.")
        @Positive int maxRangeDays) {

    public static final BlockingConfig DEFAULT = new BlockingConfig(0.09, 0.13, 0.85, BoundingBox.BREISGAU, 31);
}
