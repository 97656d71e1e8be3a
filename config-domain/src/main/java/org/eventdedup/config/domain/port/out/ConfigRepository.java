package org.eventdedup.config.domain.port.out;

import java.util.List;
import java.util.Optional;
import org.eventdedup.config.domain.model.Change;

/** Stores the config row and its history. Implemented by {@code JdbiConfigRepository}. */
public interface ConfigRepository {

    /** The stored row, or empty when nothing was ever saved. */
    Optional<StoredConfig> load();

    /** The stored version, 0 when there is no row. */
    long currentVersion();

    /**
     * The stored version as last announced by the database, without a round trip where the adapter can (LISTEN/NOTIFY
     * in the JDBI adapter); may trail another process's commit by milliseconds. For cache validation only.
     */
    default long announcedVersion() {
        return currentVersion();
    }

    /**
     * Atomically replaces the row whose version is {@code expectedVersion} (0: no row yet) with {@code next}
     * (whose version must be expectedVersion + 1) and appends a history entry with {@code changes}.
     *
     * @return false, writing nothing, when the stored version is not {@code expectedVersion}
     */
    boolean save(long expectedVersion, StoredConfig next, List<Change> changes);

    /**
     * Like {@link #save(long, StoredConfig, List)}, and writes {@code audit} in the same transaction (only when the
     * save succeeds). A repository without an audit log saves without it.
     */
    default boolean save(long expectedVersion, StoredConfig next, List<Change> changes, AuditEntry audit) {
        return save(expectedVersion, next, changes);
    }

    /** Replaces the stored token only if it still equals {@code expectedToken}; no new version (key rotation). */
    boolean replaceEncryptedApiKey(String expectedToken, String newToken);

    /** Newest first, at most {@code limit} entries, only versions below {@code beforeVersion} when it is not null. */
    List<HistoryEntry> history(int limit, Long beforeVersion);

    /** The complete document as saved in that version ({@code encryptedApiKey} always null). */
    Optional<StoredConfig> version(long version);
}
