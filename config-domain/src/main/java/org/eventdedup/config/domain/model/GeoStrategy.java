package org.eventdedup.config.domain.model;

/** Strategy for the canonical event's coordinates. JSON names are the lower-case constant names ({@code longest_non_generic}). */
public enum GeoStrategy {
    HIGHEST_CONFIDENCE, MOST_FREQUENT, FIRST;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
