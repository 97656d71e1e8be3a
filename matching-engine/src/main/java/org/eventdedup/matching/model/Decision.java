package org.eventdedup.matching.model;

import java.util.Locale;

public enum Decision {
    MATCH, AMBIGUOUS, NO_MATCH;

    /** {@code match}, {@code ambiguous}, {@code no_match}: the names in output files and the database. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
