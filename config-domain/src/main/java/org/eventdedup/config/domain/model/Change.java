package org.eventdedup.config.domain.model;

import java.util.Objects;

/**
 * One changed value between two documents. {@code path} is a JSON Pointer; old and new values are plain JSON-like
 * values (null, Boolean, Number, String, List, Map). The API key shows only as "set", "replaced" or "cleared".
 */
public record Change(String path, Object oldValue, Object newValue) {
    public static final String API_KEY_PATH = "/ai_api_key";

    public Change {
        Objects.requireNonNull(path, "path");
    }
}
