package org.eventdedup.config.domain.model;

/** Where the effective config came from. */
public enum ConfigSource {
    DATABASE, FILE, DEFAULTS;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
