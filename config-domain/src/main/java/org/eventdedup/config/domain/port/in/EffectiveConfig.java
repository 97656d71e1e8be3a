package org.eventdedup.config.domain.port.in;

import java.util.List;
import java.util.Optional;
import org.eventdedup.config.domain.model.ConfigSource;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.SecretString;

/** The config one pipeline run uses: document, decrypted key (if any), version, source and warnings. */
public record EffectiveConfig(MatchingConfig config, Optional<SecretString> apiKey, long version, ConfigSource source,
                              List<String> warnings) {
    public EffectiveConfig {
        warnings = List.copyOf(warnings);
    }
}
