package org.eventdedup.config.domain.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.in.ConfigHistoryUseCase;
import org.eventdedup.config.domain.port.in.ConfigProvider;
import org.eventdedup.config.domain.port.in.ConfigView;
import org.eventdedup.config.domain.port.in.EffectiveConfig;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.ReadConfigUseCase;
import org.eventdedup.config.domain.port.in.RollbackConfigUseCase;
import org.eventdedup.config.domain.port.in.RotateKeyUseCase;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.port.in.UpdateConfigUseCase;
import org.eventdedup.config.domain.port.out.ConfigRepository;
import org.eventdedup.config.domain.port.out.HistoryEntry;
import org.eventdedup.config.domain.port.out.SecretCipher;

/** TODO being implemented. */
public final class ConfigService implements ReadConfigUseCase, UpdateConfigUseCase, RollbackConfigUseCase,
        ConfigHistoryUseCase, RotateKeyUseCase, ConfigProvider {

    /**
     * @param fileConfig        the YAML file over the built-ins, or null when there is no file
     * @param environmentApiKey {@code EVENT_DEDUP_GEMINI_API_KEY}, or null when unset
     */
    public ConfigService(ConfigRepository repository, SecretCipher cipher, MatchingConfig fileConfig,
                         SecretString environmentApiKey, Clock clock) {
    }

    @Override public ConfigView current() { throw new UnsupportedOperationException(); }
    @Override public long currentVersion() { throw new UnsupportedOperationException(); }
    @Override public MatchingConfig defaults() { throw new UnsupportedOperationException(); }
    @Override public ConfigView update(UpdateConfigCommand command) { throw new UnsupportedOperationException(); }
    @Override public ConfigView rollback(long version, Precondition p, String operator) { throw new UnsupportedOperationException(); }
    @Override public List<HistoryEntry> history(int limit, Long beforeVersion) { throw new UnsupportedOperationException(); }
    @Override public Optional<ConfigView> version(long version) { throw new UnsupportedOperationException(); }
    @Override public Outcome rotate() { throw new UnsupportedOperationException(); }
    @Override public EffectiveConfig load() { throw new UnsupportedOperationException(); }
}
