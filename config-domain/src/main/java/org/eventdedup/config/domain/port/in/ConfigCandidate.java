package org.eventdedup.config.domain.port.in;

import java.util.Objects;
import org.eventdedup.config.domain.model.MatchingConfig;

/**
 * The current effective config and the candidate a patch would make of it.
 *
 * @param current   what the next pipeline run would use (version, key, source)
 * @param candidate the validated, merged document; never saved
 */
public record ConfigCandidate(EffectiveConfig current, MatchingConfig candidate) {
    public ConfigCandidate {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(candidate, "candidate");
    }
}
