package org.eventdedup.matching.model;

/** Coordinates of a listing's venue; {@code confidence} (0..1) and {@code country} may be null. */
public record Geo(double latitude, double longitude, Double confidence, String country) {
}
