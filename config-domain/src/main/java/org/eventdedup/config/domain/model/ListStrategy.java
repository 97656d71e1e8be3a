package org.eventdedup.config.domain.model;

/**
 * Strategy for a list field of the canonical event. JSON names are the lower-case constant names ({@code
 * most_frequent}).
 */
public enum ListStrategy {
    @Doc(title = "Union", value = "Every item of every source, in first-seen order.")
    UNION,
    @Doc(title = "Intersection", value = "Only the items every source with a non-empty list has (a source without the list does not count).")
    INTERSECTION,
    @Doc(title = "Most frequent", value = "The list most sources give (item order ignored); a tie goes to the earliest-ingested source.")
    MOST_FREQUENT,
    @Doc(title = "First", value = "The list of the earliest-ingested source that has a non-empty one.")
    FIRST;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
