package org.eventdedup.config.domain.model;

import java.util.Locale;
import java.util.Optional;

/** What an operator may do; each role includes the ones before it (viewer &lt; editor &lt; admin). */
public enum Role {
    /** reads config, history, runs and canonical events */
    VIEWER,
    /** also changes the config, rolls back, ingests, imports ground truth */
    EDITOR,
    /** also manages operators */
    ADMIN;

    /** True when this role includes {@code required}. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** The lower-case name used in the API, the CLI and the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of a wire name ({@code viewer}, {@code editor}, {@code admin}); empty for anything else. */
    public static Optional<Role> parse(String wireName) {
        for (Role role : values()) {
            if (role.wireName().equals(wireName)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
