package org.eventdedup.config.domain.model;

import java.util.Objects;

/** One broken rule: {@code path} is a JSON Pointer into the config document ({@code /scoring/date}). */
public record Violation(String path, String message) {
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
