package org.eventdedup.config.domain.port.out;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The single stored config row. {@code document} is the complete config document as a JSON-like tree (snake_case
 * keys; values null, Boolean, Number, String, List, Map) and never contains the API key; {@code encryptedApiKey} is a
 * Fernet token (or a legacy {@code plain:} value) or null.
 */
public record StoredConfig(Map<String, Object> document, String encryptedApiKey, long version, Instant updatedAt,
                           String updatedBy) {
    public StoredConfig {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
    }

    @Override
    public String toString() {
        return "StoredConfig[version=" + version + ", updatedAt=" + updatedAt + ", updatedBy=" + updatedBy
                + ", hasApiKey=" + (encryptedApiKey != null) + "]";
    }
}
