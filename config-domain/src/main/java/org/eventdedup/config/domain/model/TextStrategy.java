package org.eventdedup.config.domain.model;

/** Strategy for a text field of the canonical event. JSON names are the lower-case constant names ({@code longest_non_generic}). */
public enum TextStrategy {
    LONGEST, LONGEST_NON_GENERIC, MOST_COMPLETE, MOST_FREQUENT, SHORTEST, FIRST;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
