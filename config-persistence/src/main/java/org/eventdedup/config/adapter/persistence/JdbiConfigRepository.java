package org.eventdedup.config.adapter.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.eventdedup.config.domain.model.Change;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.config.domain.port.out.ConfigRepository;
import org.eventdedup.config.domain.port.out.HistoryEntry;
import org.eventdedup.config.domain.port.out.StoredConfig;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link ConfigRepository} on the {@code config_settings} row and {@code config_history}. Saves are optimistic: the
 * write is conditional on the version the caller read, so concurrent writers (several API servers) never lose an
 * update, and the history row is written in the same transaction, so versions stay gapless.
 */
final class JdbiConfigRepository implements ConfigRepository {

    private static final String SELECT_ROW =
            "SELECT " + ConfigSettingsRow.COLUMNS + " FROM config_settings WHERE id = 1";

    private static final String SELECT_VERSION = "SELECT version FROM config_settings WHERE id = 1";

    // A concurrent first save waits for the other's commit and then inserts nothing: 0 rows, like a stale UPDATE.
    private static final String INSERT_FIRST = """
            INSERT INTO config_settings (id, config_json, encrypted_api_key, version, updated_at, updated_by)
            VALUES (1, CAST(:document AS jsonb), :apiKey, :version, :updatedAt, :updatedBy)
            ON CONFLICT (id) DO NOTHING""";

    // Under READ COMMITTED a concurrent UPDATE re-checks the WHERE on the committed row, so exactly one writer wins.
    private static final String UPDATE_EXPECTED = """
            UPDATE config_settings
               SET config_json = CAST(:document AS jsonb), encrypted_api_key = :apiKey, version = :version,
                   updated_at = :updatedAt, updated_by = :updatedBy
             WHERE id = 1 AND version = :expected""";

    private static final String INSERT_HISTORY = """
            INSERT INTO config_history (version, config_json, changes, updated_at, updated_by)
            VALUES (:version, CAST(:document AS jsonb), CAST(:changes AS jsonb), :updatedAt, :updatedBy)""";

    private static final String REPLACE_KEY = """
            UPDATE config_settings SET encrypted_api_key = :newToken
             WHERE id = 1 AND encrypted_api_key IS NOT DISTINCT FROM CAST(:expectedToken AS text)""";

    private static final String SELECT_HISTORY = """
            SELECT version, changes::text AS changes, updated_at, updated_by
              FROM config_history
             WHERE version < :before
             ORDER BY version DESC
             LIMIT :limit""";

    private static final String SELECT_HISTORY_VERSION = """
            SELECT version, config_json::text AS config_json, updated_at, updated_by
              FROM config_history
             WHERE version = :version""";

    private final Jdbi jdbi;
    private final ConfigPersistenceMapper mapper;
    private final ConfigVersionWatch versionWatch;

    JdbiConfigRepository(Jdbi jdbi, ConfigPersistenceMapper mapper, ConfigVersionWatch versionWatch) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.versionWatch = Objects.requireNonNull(versionWatch, "versionWatch");
    }

    @Override
    public Optional<StoredConfig> load() {
        // Parse outside the handle so the connection goes back to the pool as early as possible.
        Optional<ConfigSettingsRow> row = jdbi.withHandle(h -> h.createQuery(SELECT_ROW)
                .map(ConfigSettingsRow.MAPPER)
                .findOne());
        return row.map(mapper::toStoredConfig);
    }

    @Override
    public long currentVersion() {
        return storedVersion();
    }

    /** From the LISTEN/NOTIFY watch while it listens, so GET /api/config (asking on every request) needs no query. */
    @Override
    public long announcedVersion() {
        OptionalLong watched = versionWatch.version();
        return watched.isPresent() ? watched.getAsLong() : storedVersion();
    }

    private long storedVersion() {
        return jdbi.withHandle(h -> h.createQuery(SELECT_VERSION).mapTo(Long.class).findOne()).orElse(0L);
    }

    @Override
    public boolean save(long expectedVersion, StoredConfig next, List<Change> changes) {
        return save(expectedVersion, next, changes, null);
    }

    @Override
    public boolean save(long expectedVersion, StoredConfig next, List<Change> changes, AuditEntry audit) {
        // Same answers as the in-memory fake: a stale expectation is reported as false before a wrong next version.
        if (expectedVersion < 0) {
            return false;
        }
        if (next.version() != expectedVersion + 1) {
            if (storedVersion() != expectedVersion) {
                return false;
            }
            throw new IllegalArgumentException(
                    "next version must be " + (expectedVersion + 1) + ", got " + next.version());
        }
        // Serialise before opening the transaction: the row lock is held only for the two statements.
        String document = mapper.writeDocument(next.document());
        String changesJson = mapper.writeChanges(changes);
        Argument updatedAt = timestamp(next.updatedAt());
        boolean saved = jdbi.inTransaction(h -> {
            Update write = h.createUpdate(expectedVersion == 0 ? INSERT_FIRST : UPDATE_EXPECTED)
                    .bind("document", document)
                    .bind("apiKey", next.encryptedApiKey())
                    .bind("version", next.version())
                    .bind("updatedAt", updatedAt)
                    .bind("updatedBy", next.updatedBy());
            if (expectedVersion > 0) {
                write.bind("expected", expectedVersion);
            }
            int written = write.execute();
            if (written == 0) {
                return false;
            }
            insertHistory(h, next, document, changesJson, updatedAt);
            if (audit != null) {
                JdbiAuditLog.write(h, audit);
            }
            return true;
        });
        if (saved) {
            versionWatch.saved(next.version());
        }
        return saved;
    }

    private static void insertHistory(Handle h, StoredConfig next, String document, String changesJson,
                                      Argument updatedAt) {
        h.createUpdate(INSERT_HISTORY)
                .bind("version", next.version())
                .bind("document", document)
                .bind("changes", changesJson)
                .bind("updatedAt", updatedAt)
                .bind("updatedBy", next.updatedBy())
                .execute();
    }

    @Override
    public boolean replaceEncryptedApiKey(String expectedToken, String newToken) {
        return jdbi.withHandle(h -> h.createUpdate(REPLACE_KEY)
                .bind("expectedToken", expectedToken)
                .bind("newToken", newToken)
                .execute()) == 1;
    }

    @Override
    public List<HistoryEntry> history(int limit, Long beforeVersion) {
        if (limit <= 0) {
            return List.of();
        }
        long before = beforeVersion == null ? Long.MAX_VALUE : beforeVersion;
        return jdbi.withHandle(h -> h.createQuery(SELECT_HISTORY)
                        .bind("before", before)
                        .bind("limit", limit)
                        .map(ConfigHistoryRow.WITH_CHANGES)
                        .list())
                .stream()
                .map(mapper::toHistoryEntry)
                .toList();
    }

    @Override
    public Optional<StoredConfig> version(long version) {
        return jdbi.withHandle(h -> h.createQuery(SELECT_HISTORY_VERSION)
                        .bind("version", version)
                        .map(ConfigHistoryRow.WITH_DOCUMENT)
                        .findOne())
                .map(mapper::toVersion);
    }

    /**
     * Binds as TIMESTAMPTZ through the driver's OffsetDateTime support (no JVM time zone involved), truncated to the
     * column's microseconds so a value read back equals the one written.
     */
    private static Argument timestamp(Instant instant) {
        OffsetDateTime value = instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return (position, statement, ctx) -> statement.setObject(position, value);
    }
}
