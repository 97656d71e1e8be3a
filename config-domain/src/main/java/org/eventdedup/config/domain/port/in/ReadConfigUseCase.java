package org.eventdedup.config.domain.port.in;

import org.eventdedup.config.domain.model.ConfigSource;
import org.eventdedup.config.domain.model.MatchingConfig;

public interface ReadConfigUseCase {
    ConfigView current();

    /**
     * Version of the stored config (0 before the first save); cheap, for caching: it may trail another server's save
     * by milliseconds, never this server's own.
     */
    long currentVersion();

    /** The effective defaults: the YAML file over the built-ins. */
    MatchingConfig defaults();

    /** Where the defaults come from: {@code FILE} when a YAML file was read, else {@code DEFAULTS}. */
    ConfigSource defaultsSource();
}
