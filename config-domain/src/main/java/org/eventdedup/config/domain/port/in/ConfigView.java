package org.eventdedup.config.domain.port.in;

import java.time.Instant;
import org.eventdedup.config.domain.model.ApiKeySource;
import org.eventdedup.config.domain.model.ConfigSource;
import org.eventdedup.config.domain.model.MatchingConfig;

/** What operators see of the config: the document plus metadata, never the key itself. */
public record ConfigView(MatchingConfig config, boolean hasApiKey, ApiKeySource apiKeySource, Instant updatedAt,
                         String updatedBy, long version, ConfigSource source) {
}
