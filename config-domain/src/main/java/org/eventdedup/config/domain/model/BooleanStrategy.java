package org.eventdedup.config.domain.model;

/** Strategy for a yes/no field of the canonical event. JSON names are the lower-case constant names ({@code longest_non_generic}). */
public enum BooleanStrategy {
    ANY_TRUE, ALL_TRUE, MOST_FREQUENT;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
