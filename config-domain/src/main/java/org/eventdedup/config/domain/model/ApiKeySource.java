package org.eventdedup.config.domain.model;

/** Where the API key in use comes from; absent when there is none. */
public enum ApiKeySource {
    DATABASE, ENVIRONMENT;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
