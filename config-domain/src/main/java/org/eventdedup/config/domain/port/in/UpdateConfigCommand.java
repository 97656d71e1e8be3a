package org.eventdedup.config.domain.port.in;

import java.util.Map;
import java.util.Objects;

/**
 * A merge patch (RFC 7396, JSON-like tree without metadata fields or the key), the key change, the concurrency
 * expectations and the operator's name.
 */
public record UpdateConfigCommand(Map<String, Object> patch, ApiKeyChange apiKey, Precondition precondition,
                                  String operator) {
    public UpdateConfigCommand {
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(precondition, "precondition");
        Objects.requireNonNull(operator, "operator");
    }
}
