package org.eventdedup.config.domain.model;

/**
 * Strategy for a text field of the canonical event. JSON names are the lower-case constant names ({@code
 * longest_non_generic}). An empty value never wins; a tie goes to the earliest-ingested source.
 */
public enum TextStrategy {
    @Doc(title = "Longest", value = "The longest value (in characters).")
    LONGEST,
    @Doc(title = "Longest non generic", value = "The longest value at least the minimum title length long; the longest of all when none is.")
    LONGEST_NON_GENERIC,
    @Doc(title = "Most complete", value = "The longest value, taken as the most complete (the same pick as Longest).")
    MOST_COMPLETE,
    @Doc(title = "Most frequent", value = "The value most sources give, as exact text; a tie goes to the earliest-ingested source.")
    MOST_FREQUENT,
    @Doc(title = "Shortest", value = "The shortest value.")
    SHORTEST,
    @Doc(title = "First", value = "The value of the earliest-ingested source that has one.")
    FIRST;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
