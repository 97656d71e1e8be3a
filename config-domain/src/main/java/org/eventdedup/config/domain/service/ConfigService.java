package org.eventdedup.config.domain.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eventdedup.config.domain.model.ApiKeySource;
import org.eventdedup.config.domain.model.Change;
import org.eventdedup.config.domain.model.ConfigSource;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.ConfigCandidate;
import org.eventdedup.config.domain.port.in.ConfigException;
import org.eventdedup.config.domain.port.in.ConfigHistoryUseCase;
import org.eventdedup.config.domain.port.in.ConfigProvider;
import org.eventdedup.config.domain.port.in.ConfigView;
import org.eventdedup.config.domain.port.in.EffectiveConfig;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.PreviewConfigUseCase;
import org.eventdedup.config.domain.port.in.ReadConfigUseCase;
import org.eventdedup.config.domain.port.in.RollbackConfigUseCase;
import org.eventdedup.config.domain.port.in.RotateKeyUseCase;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.port.in.UpdateConfigUseCase;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.config.domain.port.out.ConfigRepository;
import org.eventdedup.config.domain.port.out.HistoryEntry;
import org.eventdedup.config.domain.port.out.SecretCipher;
import org.eventdedup.config.domain.port.out.SecretDecryptionException;
import org.eventdedup.config.domain.port.out.StoredConfig;
import org.eventdedup.config.domain.rule.ConfigDiff;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.eventdedup.config.domain.rule.DocumentUpgrade;
import org.eventdedup.config.domain.rule.MergePatch;
import org.eventdedup.config.domain.rule.Validated;

/**
 * The config use cases. Effective config = the stored row if there is one, else the YAML file over the built-ins,
 * else the built-ins (contract §1). The first save starts from that effective config, so YAML values survive it; the
 * row always holds the complete document.
 */
public final class ConfigService implements ReadConfigUseCase, UpdateConfigUseCase, RollbackConfigUseCase,
        ConfigHistoryUseCase, RotateKeyUseCase, ConfigProvider, PreviewConfigUseCase {

    public static final String UNDECRYPTABLE_KEY_WARNING =
            "cannot decrypt stored API key: check EVENT_DEDUP_ENCRYPTION_KEY";
    public static final String AI_WITHOUT_KEY_WARNING =
            "AI matching is enabled but no usable API key is configured: ambiguous pairs stay ambiguous";

    /** Unconditional writes retry on a concurrent save; each retry re-reads and re-merges. */
    private static final int MAX_ATTEMPTS = 50;

    private final ConfigRepository repository;
    private final SecretCipher cipher;
    private final MatchingConfig defaults;
    private final Map<String, Object> defaultsTree;
    private final ConfigSource defaultsSource;
    private final SecretString environmentApiKey;
    private final Clock clock;

    /**
     * @param fileConfig        the YAML file over the built-ins, or null when there is no file
     * @param environmentApiKey {@code EVENT_DEDUP_GEMINI_API_KEY}, or null when unset
     */
    public ConfigService(ConfigRepository repository, SecretCipher cipher, MatchingConfig fileConfig,
                         SecretString environmentApiKey, Clock clock) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.defaults = fileConfig == null ? MatchingConfig.DEFAULT : fileConfig;
        this.defaultsTree = ConfigDocument.toTree(defaults);
        this.defaultsSource = fileConfig == null ? ConfigSource.DEFAULTS : ConfigSource.FILE;
        this.environmentApiKey = environmentApiKey;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- read

    @Override
    public ConfigView current() {
        return repository.load().map(this::viewOf).orElseGet(this::unsavedView);
    }

    @Override
    public long currentVersion() {
        return repository.announcedVersion();
    }

    @Override
    public MatchingConfig defaults() {
        return defaults;
    }

    @Override
    public ConfigSource defaultsSource() {
        return defaultsSource;
    }

    // ---- write

    @Override
    public ConfigView update(UpdateConfigCommand command) {
        return write(current -> MergePatch.apply(current, command.patch(), defaultsTree), command.apiKey(),
                command.precondition(), command.operator(), null);
    }

    @Override
    public ConfigView rollback(long version, Precondition precondition, String operator) {
        if (version == 0) {
            // the shipped configuration (YAML over built-ins), which no row holds
            return write(current -> defaultsTree, ApiKeyChange.KEEP, precondition, operator, 0L);
        }
        StoredConfig target = repository.version(version).orElseThrow(() -> new ConfigException(
                ConfigException.Code.VERSION_NOT_FOUND, "no config version " + version, List.of(), -1));
        Map<String, Object> document = DocumentUpgrade.fillMissing(target.document(), defaultsTree);
        return write(current -> document, ApiKeyChange.KEEP, precondition, operator, version);
    }

    /** @param rollbackTo the version a rollback restores, null for an edit */
    private ConfigView write(UnaryOperator<Map<String, Object>> edit, ApiKeyChange keyChange,
                             Precondition precondition, String operator, Long rollbackTo) {
        for (int attempt = 1; ; attempt++) {
            Optional<StoredConfig> row = repository.load();
            long version = row.map(StoredConfig::version).orElse(0L);
            check(precondition, row, version);

            MatchingConfig before = row.map(this::configOf).orElseGet(this::unsavedConfig);
            MatchingConfig after = edited(before, edit);
            List<Change> changes = new ArrayList<>(ConfigDiff.between(before, after));
            String token = row.map(StoredConfig::encryptedApiKey).orElse(null);
            String nextToken = applyKeyChange(keyChange, token, changes);
            if (changes.isEmpty()) {
                return row.map(this::viewOf).orElseGet(this::unsavedView);
            }
            StoredConfig next = new StoredConfig(ConfigDocument.toTree(after), nextToken, version + 1,
                    clock.instant().truncatedTo(ChronoUnit.MICROS), operator);
            if (repository.save(version, next, changes, audit(operator, next.version(), changes, rollbackTo))) {
                return viewOf(next, after);
            }
            if (!precondition.isNone()) {
                // someone saved between our check and our write: the client's expectation is stale now
                throw conflict(precondition, repository.load().map(StoredConfig::version).orElse(0L));
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("config kept changing during " + MAX_ATTEMPTS + " save attempts");
            }
        }
    }

    /**
     * The audit log's entry for a saved version: {@code config.rollback} (version, to), {@code ai_key.set} /
     * {@code ai_key.removed} when only the key changed (version; the key never), else {@code config.save} (version
     * and the changes, where the key shows only as set, replaced or cleared).
     */
    private static AuditEntry audit(String operator, long version, List<Change> changes, Long rollbackTo) {
        String actor = operator == null ? "(unknown)" : operator;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", version);
        if (rollbackTo != null) {
            details.put("to", rollbackTo);
            return new AuditEntry(actor, "config.rollback", "config", details);
        }
        if (changes.stream().allMatch(change -> change.path().equals(Change.API_KEY_PATH))) {
            Object what = changes.get(0).newValue();
            if ("cleared".equals(what)) {
                return new AuditEntry(actor, "ai_key.removed", "config", details);
            }
            details.put("change", what);
            return new AuditEntry(actor, "ai_key.set", "config", details);
        }
        details.put("changes", changes.stream().map(change -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", change.path());
            entry.put("old", change.oldValue());
            entry.put("new", change.newValue());
            return entry;
        }).toList());
        return new AuditEntry(actor, "config.save", "config", details);
    }

    /** The one merge-and-validate step of every write and of the preview, so both reject a patch alike. */
    private static MatchingConfig edited(MatchingConfig before, UnaryOperator<Map<String, Object>> edit) {
        Validated after = ConfigDocument.validate(edit.apply(ConfigDocument.toTree(before)));
        if (!after.isValid()) {
            throw ConfigException.invalid(after.violations());
        }
        return after.config();
    }

    // ---- preview

    @Override
    public ConfigCandidate candidate(Map<String, Object> patch) {
        Objects.requireNonNull(patch, "patch");
        EffectiveConfig current = load();
        return new ConfigCandidate(current,
                edited(current.config(), document -> MergePatch.apply(document, patch, defaultsTree)));
    }

    private void check(Precondition p, Optional<StoredConfig> row, long version) {
        if (p.ifMatchVersion() != null && p.ifMatchVersion() != version) {
            throw conflict(p, version);
        }
        if (p.checkUpdatedAt()) {
            Instant stored = row.map(StoredConfig::updatedAt).orElse(null);
            if (!Objects.equals(stored, p.expectedUpdatedAt())) {
                throw new ConfigException(ConfigException.Code.UPDATED_AT_CONFLICT,
                        "the config was changed by someone else; current version is " + version, List.of(), version);
            }
        }
    }

    private static ConfigException conflict(Precondition p, long currentVersion) {
        if (p.ifMatchVersion() != null) {
            return new ConfigException(ConfigException.Code.PRECONDITION_FAILED, "If-Match names version "
                    + p.ifMatchVersion() + " but the current version is " + currentVersion, List.of(), currentVersion);
        }
        return new ConfigException(ConfigException.Code.UPDATED_AT_CONFLICT,
                "the config was changed by someone else; current version is " + currentVersion, List.of(),
                currentVersion);
    }

    /** The token to store after the change; adds the key's history entry (never the key). */
    private String applyKeyChange(ApiKeyChange change, String token, List<Change> changes) {
        if (change instanceof ApiKeyChange.Set set) {
            if (token != null && sameKey(token, set.key())) {
                return token;
            }
            changes.add(new Change(Change.API_KEY_PATH, null, token == null ? "set" : "replaced"));
            return cipher.encrypt(set.key());
        }
        if (change instanceof ApiKeyChange.Clear) {
            if (token != null) {
                changes.add(new Change(Change.API_KEY_PATH, null, "cleared"));
            }
            return null;
        }
        return token;
    }

    private boolean sameKey(String token, SecretString key) {
        try {
            return cipher.decrypt(token).equals(key);
        } catch (SecretDecryptionException | IllegalArgumentException e) {
            return false;
        }
    }

    // ---- history

    @Override
    public List<HistoryEntry> history(int limit, Long beforeVersion) {
        List<HistoryEntry> saved = repository.history(limit, beforeVersion);
        if (saved.size() >= limit || (beforeVersion != null && beforeVersion < 1)) {
            return saved;
        }
        // the list reached its oldest saved version: version 0, the shipped configuration, comes last
        List<HistoryEntry> all = new ArrayList<>(saved);
        all.add(new HistoryEntry(0, null, null, List.of()));
        return all;
    }

    @Override
    public Optional<ConfigView> version(long version) {
        if (version == 0) {
            return Optional.of(new ConfigView(defaults, false, null, null, null, 0, defaultsSource));
        }
        return repository.version(version).map(row -> new ConfigView(configOf(row), false, null, row.updatedAt(),
                row.updatedBy(), row.version(), ConfigSource.DATABASE));
    }

    // ---- key rotation

    @Override
    public Outcome rotate() {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            String token = repository.load().map(StoredConfig::encryptedApiKey).orElse(null);
            if (token == null) {
                return Outcome.NO_KEY_STORED;
            }
            if (!cipher.needsReencryption(token)) {
                return Outcome.ALREADY_CURRENT;
            }
            String fresh = cipher.encrypt(cipher.decrypt(token));
            if (repository.replaceEncryptedApiKey(token, fresh)) {
                return Outcome.REENCRYPTED;
            }
        }
        throw new IllegalStateException("the stored key kept changing during rotation");
    }

    // ---- provider

    @Override
    public EffectiveConfig load() {
        Optional<StoredConfig> row = repository.load();
        List<String> warnings = new ArrayList<>();
        MatchingConfig config;
        Optional<SecretString> key;
        ConfigSource source;
        long version;
        if (row.isPresent()) {
            config = configOf(row.get());
            key = decryptStored(row.get().encryptedApiKey(), warnings);
            source = ConfigSource.DATABASE;
            version = row.get().version();
        } else {
            config = unsavedConfig();
            key = Optional.empty();
            source = defaultsSource;
            version = 0;
        }
        if (key.isEmpty() && environmentApiKey != null) {
            key = Optional.of(environmentApiKey);
        }
        if (config.ai().enabled() && key.isEmpty()) {
            warnings.add(AI_WITHOUT_KEY_WARNING);
        }
        return new EffectiveConfig(config, key, version, source, warnings);
    }

    private Optional<SecretString> decryptStored(String token, List<String> warnings) {
        if (token == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(cipher.decrypt(token));
        } catch (SecretDecryptionException | IllegalArgumentException e) {
            warnings.add(UNDECRYPTABLE_KEY_WARNING);
            return Optional.empty();
        }
    }

    // ---- shared

    /** The config before the first save: the defaults, with AI on when only the environment supplies a key. */
    private MatchingConfig unsavedConfig() {
        return environmentApiKey == null ? defaults : defaults.withAi(defaults.ai().withEnabled(true));
    }

    private ConfigView unsavedView() {
        return new ConfigView(unsavedConfig(), false, environmentApiKey == null ? null : ApiKeySource.ENVIRONMENT,
                null, null, 0, defaultsSource);
    }

    private ConfigView viewOf(StoredConfig row) {
        return viewOf(row, configOf(row));
    }

    private ConfigView viewOf(StoredConfig row, MatchingConfig config) {
        boolean stored = row.encryptedApiKey() != null;
        ApiKeySource keySource = stored ? ApiKeySource.DATABASE
                : environmentApiKey != null ? ApiKeySource.ENVIRONMENT : null;
        return new ConfigView(config, stored, keySource, row.updatedAt(), row.updatedBy(), row.version(),
                ConfigSource.DATABASE);
    }

    /** The last stored row bound, by version and save time: a run reads the row every time but binds it only once. */
    private record Bound(long version, java.time.Instant updatedAt, MatchingConfig config) {
    }

    private volatile Bound lastBound;

    private MatchingConfig configOf(StoredConfig row) {
        Bound last = lastBound;
        if (last != null && last.version() == row.version() && last.updatedAt().equals(row.updatedAt())) {
            return last.config();
        }
        MatchingConfig config = bind(row);
        lastBound = new Bound(row.version(), row.updatedAt(), config);
        return config;
    }

    private MatchingConfig bind(StoredConfig row) {
        Validated validated = ConfigDocument.validate(DocumentUpgrade.fillMissing(row.document(), defaultsTree));
        if (!validated.isValid()) {
            throw new IllegalStateException("stored config version " + row.version() + " is invalid: "
                    + validated.violations());
        }
        return validated.config();
    }
}
