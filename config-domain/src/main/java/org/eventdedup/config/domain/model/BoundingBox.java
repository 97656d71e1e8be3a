package org.eventdedup.config.domain.model;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

public record BoundingBox(
        @Doc(title = "Latitude min", value = "Southern edge, degrees (WGS 84).") @DecimalMin("-90.0") @DecimalMax("90.0") double latMin,
        @Doc(title = "Latitude max", value = "Northern edge, degrees.") @DecimalMin("-90.0") @DecimalMax("90.0") double latMax,
        @Doc(title = "Longitude min", value = "Western edge, degrees.") @DecimalMin("-180.0") @DecimalMax("180.0") double lonMin,
        @Doc(title = "Longitude max", value = "Eastern edge, degrees.") @DecimalMin("-180.0") @DecimalMax("180.0") double lonMax) {

    public static final BoundingBox BREISGAU = new BoundingBox(47.5, 48.5, 7.3, 8.5);

    public boolean contains(double lat, double lon) {
        return lat >= latMin && lat <= latMax && lon >= lonMin && lon <= lonMax;
    }
}
