package org.eventdedup.testing.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;

/**
 * The PostgreSQL server the test databases are created on: the one {@value #VARIABLE} points at (an admin database
 * such as {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), otherwise one embedded server per JVM
 * (zonky's binaries, as the current user; PostgreSQL refuses to run as root).
 *
 * <p>The embedded server trades durability for speed ({@code fsync} and {@code synchronous_commit} off): its
 * databases are thrown away after each test class and it is never crashed, so an unflushed commit can only be lost
 * with the whole test JVM. Tests that stop or crash PostgreSQL use {@link OwnedPostgres}, which is durable.
 */
final class TestDatabaseServer {

    static final String VARIABLE = "EVENT_DEDUP_TEST_DATABASE_URL";

    private TestDatabaseServer() {
    }

    /** Admin login on the server; may start the embedded server on first call. */
    static DatabaseSettings admin() {
        String url = System.getenv(VARIABLE);
        // Failsafe passes ${env.X} through literally when X is unset in the shell that ran Maven.
        if (url == null || url.isBlank() || url.startsWith("${")) {
            return embedded();
        }
        try {
            return DatabaseSettings.parse(url, null, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(VARIABLE + " is not usable: "
                    + e.getMessage().replace(DatabaseSettings.URL_VARIABLE, "the URL"), e);
        }
    }

    // The one allowed piece of static mutable state: one embedded server per test JVM, started on first use only.
    private static EmbeddedPostgres embedded;
    private static RuntimeException embeddedFailure;

    private static synchronized DatabaseSettings embedded() {
        if (embedded == null && embeddedFailure == null) {
            try {
                embedded = startEmbedded();
            } catch (RuntimeException e) {
                // Remembered so every test class fails with this message instead of retrying the start.
                embeddedFailure = new IllegalStateException("No test database server: set " + VARIABLE
                        + " (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres) or run the tests as a"
                        + " normal user for the embedded PostgreSQL. " + e.getMessage(), e);
            }
        }
        if (embeddedFailure != null) {
            throw embeddedFailure;
        }
        return new DatabaseSettings("jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres", "postgres",
                null);
    }

    private static EmbeddedPostgres startEmbedded() {
        // Checked first: as root initdb fails only after unpacking the binaries, with a message that does not say why.
        if ("root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("PostgreSQL refuses to run as root.");
        }
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("event-dedup-test-db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // Not durable on purpose: see the class comment.
            EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException | RuntimeException e) {
                    // the JVM is ending; the directory goes below either way
                } finally {
                    deleteRecursively(dataDir);
                }
            }, "event-dedup-test-db-shutdown"));
            return server;
        } catch (IOException | RuntimeException e) {
            deleteRecursively(dataDir);
            throw new IllegalStateException("The embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp directory is harmless.
        }
    }
}
