package org.eventdedup.config.domain.model;

/**
 * Strategy for a yes/no field of the canonical event. JSON names are the lower-case constant names ({@code
 * any_true}). A missing value counts as no.
 */
public enum BooleanStrategy {
    @Doc(title = "Any true", value = "Yes when any source says yes.")
    ANY_TRUE,
    @Doc(title = "All true", value = "Yes only when every source says yes.")
    ALL_TRUE,
    @Doc(title = "Most frequent", value = "What most of the sources that give a value say; a tie goes to the earliest-ingested source.")
    MOST_FREQUENT;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
