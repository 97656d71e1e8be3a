package org.eventdedup.config.domain.model;

/** Strategy for a list field of the canonical event. JSON names are the lower-case constant names ({@code longest_non_generic}). */
public enum ListStrategy {
    UNION, INTERSECTION, MOST_FREQUENT, FIRST;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
