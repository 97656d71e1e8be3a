package org.eventdedup.matching.canonical;

/** The canonical event's coordinates; {@code confidence} may be null (possible with the first/most_frequent strategies). */
public record CanonicalGeo(double latitude, double longitude, Double confidence) {
}
