package org.eventdedup.app;

import java.nio.file.Path;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.persistence.EmbeddedDatabase;
import org.eventdedup.config.adapter.persistence.EmbeddedDatabaseUnavailableException;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The connected database: an external server from EVENT_DEDUP_DATABASE_URL or, for {@code serve}, an embedded one. */
final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Whether a command may fall back to an embedded PostgreSQL when no URL is given. */
    enum Mode { EXTERNAL_ONLY, EMBEDDED_FALLBACK }

    private final PersistenceModule persistence;
    private final EmbeddedDatabase embedded;

    private Database(PersistenceModule persistence, EmbeddedDatabase embedded) {
        this.persistence = persistence;
        this.embedded = embedded;
    }

    /**
     * Connects and applies the migrations.
     *
     * @param command used in the message when a URL is required but missing
     */
    static Database open(AppSettings settings, Mode mode, String command) {
        if (settings.database().isPresent()) {
            return connectAndMigrate(settings.database().get(), null);
        }
        if (mode == Mode.EXTERNAL_ONLY) {
            throw new UsageException(command + " needs " + AppSettings.DATABASE_URL
                    + " (only serve starts an embedded PostgreSQL)");
        }
        EmbeddedDatabase embedded = startEmbedded(settings.dataDir());
        try {
            return connectAndMigrate(embedded.settings(), embedded);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    private static EmbeddedDatabase startEmbedded(Path dir) {
        try {
            log.info("Starting embedded PostgreSQL under {}", dir.toAbsolutePath());
            return EmbeddedDatabase.start(dir);
        } catch (EmbeddedDatabaseUnavailableException e) {
            // running as root is a setup the operator changes (exit 2); a server that fails to start is a runtime
            // failure (exit 1), reported with the same one-line message
            if (e.reason() == EmbeddedDatabaseUnavailableException.Reason.RUNNING_AS_ROOT) {
                throw new UsageException(e.getMessage());
            }
            throw e;
        }
    }

    private static Database connectAndMigrate(DatabaseSettings settings, EmbeddedDatabase embedded) {
        PersistenceModule persistence = PersistenceModule.connect(settings);
        try {
            persistence.migrate();
            return new Database(persistence, embedded);
        } catch (RuntimeException e) {
            persistence.close();
            throw e;
        }
    }

    PersistenceModule persistence() {
        return persistence;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        try {
            persistence.close();
            log.info("Shutdown: connection pool closed");
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
