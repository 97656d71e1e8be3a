package org.eventdedup.config.domain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eventdedup.config.domain.model.Change;
import org.eventdedup.config.domain.port.out.ConfigRepository;
import org.eventdedup.config.domain.port.out.HistoryEntry;
import org.eventdedup.config.domain.port.out.StoredConfig;
import org.eventdedup.config.domain.rule.ConfigDocument;

/** A thread-safe in-memory {@link ConfigRepository} with the same contract as the JDBI one, for unit tests. */
public final class InMemoryConfigRepository implements ConfigRepository {
    private StoredConfig row;
    private final List<StoredConfig> versions = new ArrayList<>();
    private final List<HistoryEntry> history = new ArrayList<>();

    @Override
    public synchronized Optional<StoredConfig> load() {
        return Optional.ofNullable(row);
    }

    @Override
    public synchronized long currentVersion() {
        return row == null ? 0 : row.version();
    }

    @Override
    public synchronized boolean save(long expectedVersion, StoredConfig next, List<Change> changes) {
        if (currentVersion() != expectedVersion) {
            return false;
        }
        if (next.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("next version must be " + (expectedVersion + 1));
        }
        // deep copies, like a database: later changes to the caller's maps must not reach what is stored
        row = new StoredConfig(copy(next.document()), next.encryptedApiKey(), next.version(), next.updatedAt(),
                next.updatedBy());
        versions.add(new StoredConfig(copy(next.document()), null, next.version(), next.updatedAt(),
                next.updatedBy()));
        history.add(new HistoryEntry(next.version(), next.updatedAt(), next.updatedBy(), changes));
        return true;
    }

    @Override
    public synchronized boolean replaceEncryptedApiKey(String expectedToken, String newToken) {
        if (row == null || !Objects.equals(row.encryptedApiKey(), expectedToken)) {
            return false;
        }
        row = new StoredConfig(row.document(), newToken, row.version(), row.updatedAt(), row.updatedBy());
        return true;
    }

    @Override
    public synchronized List<HistoryEntry> history(int limit, Long beforeVersion) {
        List<HistoryEntry> out = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && out.size() < limit; i--) {
            HistoryEntry e = history.get(i);
            if (beforeVersion == null || e.version() < beforeVersion) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<StoredConfig> version(long version) {
        return versions.stream().filter(v -> v.version() == version).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> document) {
        return (Map<String, Object>) ConfigDocument.deepCopy(document);
    }

    /** Test hook: what the column holds right now. */
    public synchronized String storedToken() {
        return row == null ? null : row.encryptedApiKey();
    }
}
