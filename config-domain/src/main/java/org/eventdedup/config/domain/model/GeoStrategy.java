package org.eventdedup.config.domain.model;

/**
 * Strategy for the canonical event's coordinates. JSON names are the lower-case constant names ({@code
 * highest_confidence}).
 */
public enum GeoStrategy {
    @Doc(title = "Highest confidence", value = "The coordinates with the highest geo confidence; sources without a confidence are skipped.")
    HIGHEST_CONFIDENCE,
    @Doc(title = "Most frequent", value = "The point most sources give; a tie goes to the earliest-ingested source.")
    MOST_FREQUENT,
    @Doc(title = "First", value = "The coordinates of the earliest-ingested source that has them.")
    FIRST;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
