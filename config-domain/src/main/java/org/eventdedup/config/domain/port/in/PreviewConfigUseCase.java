package org.eventdedup.config.domain.port.in;

import java.util.Map;

/** What a change would make of the config, without saving it (the impact preview). */
public interface PreviewConfigUseCase {
    /**
     * Merges {@code patch} (RFC 7396, the document part of a PATCH body: no key, no metadata) into the current
     * effective config and validates the result exactly as {@link UpdateConfigUseCase#update} does. Nothing is stored.
     *
     * @throws ConfigException VALIDATION_FAILED with the same violations a PATCH of this patch would get
     */
    ConfigCandidate candidate(Map<String, Object> patch);
}
