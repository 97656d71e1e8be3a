package org.eventdedup.testing.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;

/**
 * A private PostgreSQL server that one test owns and may stop and start again (on the same port, with its data), to
 * prove how the application behaves while the database is away. Unlike {@link TestDatabase} it never touches the
 * shared test server.
 *
 * <p>PostgreSQL refuses to run as root. As root (here and in CI) the cluster is initialised and run with Debian's
 * binaries ({@code /usr/lib/postgresql/<15+>/bin}) as the {@code postgres} user via {@code runuser}, in a temporary
 * directory owned by that user; otherwise zonky's embedded binaries run as the current user. Either way: a random
 * free port on 127.0.0.1, trust authentication, login {@code postgres}, database {@code postgres}.
 *
 * <p>Durable, unlike the throwaway test server: {@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} are on (zonky's defaults turn the first two off). This server exists to be cut off in
 * mid-work, and a commit acknowledged before an immediate stop must still be there after the restart, as it is for the
 * application's own durable PostgreSQL; otherwise an outage test fails on rows the fixture lost, not the code.
 *
 * <pre>{@code
 * try (OwnedPostgres db = OwnedPostgres.startNew()) {
 *     PersistenceModule persistence = PersistenceModule.connect(db.settings());
 *     db.stopImmediately();   // like a crash: connections are cut
 *     db.start();             // same port, same data
 * }
 * }</pre>
 */
public final class OwnedPostgres implements AutoCloseable {

    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    /** PostgreSQL's own defaults, set explicitly: see the class comment for why. */
    private static final Map<String, String> DURABLE =
            Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

    private final Server server;
    private final Path directory;
    private final int port;
    private boolean running;

    private OwnedPostgres(Server server, Path directory, int port) {
        this.server = server;
        this.directory = directory;
        this.port = port;
    }

    /** Initialises a new cluster in a temporary directory and starts it on a random free port. */
    public static OwnedPostgres startNew() {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory;
        try {
            directory = Files.createTempDirectory("event-dedup-owned-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = freePort();
        Server server = root ? new DebianServer(directory, port) : new ZonkyServer(directory, port);
        OwnedPostgres owned = new OwnedPostgres(server, directory, port);
        try {
            server.init();
            owned.start();
            return owned;
        } catch (RuntimeException e) {
            owned.close();
            throw e;
        }
    }

    /** Starts the (stopped) server again, on the same port with the same data; waits until it accepts logins. */
    public synchronized void start() {
        if (running) {
            return;
        }
        server.start();
        running = true;
        awaitLogin();
    }

    /** Fast shutdown: open sessions are ended, then the server stops cleanly. */
    public synchronized void stop() {
        if (running) {
            server.stop("fast");
            running = false;
        }
    }

    /** Immediate shutdown: every process is cut off at once, as in a crash; the next start runs crash recovery. */
    public synchronized void stopImmediately() {
        if (running) {
            server.stop("immediate");
            running = false;
        }
    }

    public synchronized boolean isRunning() {
        return running;
    }

    public int port() {
        return port;
    }

    /** The admin database, with the login in the URL. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + USER;
    }

    public DatabaseSettings settings() {
        return DatabaseSettings.parse(jdbcUrl(), null, null);
    }

    /** Stops the server (immediately: its data is thrown away anyway) and deletes its directory. */
    @Override
    public synchronized void close() {
        try {
            if (running) {
                server.stop("immediate");
                running = false;
            }
        } finally {
            server.release();
            deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return "OwnedPostgres[" + server.getClass().getSimpleName() + " on port " + port + " in " + directory + "]";
    }

    private void awaitLogin() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection ignored = DriverManager.getConnection(jdbcUrl())) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(50);
            }
        }
        throw new IllegalStateException(this + " does not accept logins: " + (last == null ? "" : last.getMessage()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is harmless
        }
    }

    /** How a cluster is created, started and stopped. */
    private interface Server {
        void init();

        void start();

        void stop(String mode);

        /** Frees what the backend holds (not the directory). */
        default void release() {
        }
    }

    /** Debian's binaries as the postgres user: the only way to run PostgreSQL when the tests run as root. */
    private static final class DebianServer implements Server {
        private final Path directory;
        private final Path data;
        private final int port;
        private final Path bin;

        DebianServer(Path directory, int port) {
            this.directory = directory;
            this.data = directory.resolve("data");
            this.port = port;
            this.bin = debianBinaries().orElseThrow(() -> new IllegalStateException(
                    "Running as root, the owned PostgreSQL needs Debian's server binaries"
                    + " (/usr/lib/postgresql/15/bin or newer): apt-get install postgresql"));
        }

        @Override
        public void init() {
            try {
                UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(directory, users.lookupPrincipalByName(USER));
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot hand " + directory + " to the postgres user", e);
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync"));
        }

        @Override
        public void start() {
            // the socket directory is the private one: /var/run/postgresql may not exist or belong to another server
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + directory
                            + " -c max_connections=60" + commandLineSettings(), "start"));
        }

        private static String commandLineSettings() {
            StringBuilder settings = new StringBuilder();
            DURABLE.forEach((name, value) -> settings.append(" -c ").append(name).append('=').append(value));
            return settings.toString();
        }

        @Override
        public void stop(String mode) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", mode, "-w", "-t", "60",
                    "stop"));
        }

        private void run(List<String> command) {
            List<String> full = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
            full.addAll(command);
            try {
                Process process = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true)
                        .start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip()
                            + serverLog());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private String serverLog() {
            try {
                Path log = directory.resolve("server.log");
                return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
            } catch (IOException e) {
                return "";
            }
        }

        /** The newest installed major version from 15 on. */
        static Optional<Path> debianBinaries() {
            Path root = Path.of("/usr/lib/postgresql");
            if (!Files.isDirectory(root)) {
                return Optional.empty();
            }
            try (Stream<Path> versions = Files.list(root)) {
                return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .filter(v -> Integer.parseInt(v.getFileName().toString()) >= 15)
                        .filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                        .map(v -> v.resolve("bin"));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * zonky's embedded binaries as the current user. zonky has no restart, so each start is a new EmbeddedPostgres
     * on the same data directory and port; an immediate stop signals the postmaster (SIGQUIT) itself.
     */
    private static final class ZonkyServer implements Server {
        /** zonky locks the data directory through this file while an instance owns it. */
        private static final String ZONKY_LOCK_FILE = "epg-lock";

        private final Path data;
        private final int port;
        private EmbeddedPostgres postgres;

        ZonkyServer(Path directory, int port) {
            this.data = directory.resolve("data");
            this.port = port;
        }

        @Override
        public void init() {
            // zonky initialises the cluster on its first start
        }

        @Override
        public void start() {
            try {
                // No shutdown hook: the test closes what it owns, and zonky's hook would also try to stop an instance
                // abandoned after an immediate stop (see below), logging that as an error.
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data)
                        .setCleanDataDirectory(false).setRegisterShutdownHook(false).setPort(port)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setPGStartupWait(java.time.Duration.ofSeconds(60)); // 10 s failed on a busy machine
                // zonky starts the postmaster with -F (fsync off) before these -c settings, so they win
                DURABLE.forEach(builder::setServerConfig);
                postgres = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop(String mode) {
            if ("immediate".equals(mode)) {
                crash();
            } else {
                closeQuietly();
            }
        }

        @Override
        public void release() {
            closeQuietly();
        }

        /**
         * PostgreSQL's immediate shutdown: SIGQUIT to the postmaster. zonky's close would then run {@code pg_ctl stop}
         * on a server that is gone and log its failure as an error with a stack trace, so the instance is abandoned
         * instead: its lock file is unlinked, so the next start locks a new one, and the old handle on it is freed
         * with the instance.
         */
        private void crash() {
            postmasterPid().flatMap(ProcessHandle::of).ifPresent(postmaster -> {
                try {
                    new ProcessBuilder("kill", "-QUIT", Long.toString(postmaster.pid())).start().waitFor();
                    postmaster.onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("immediate stop of " + postmaster.pid() + " failed", e);
                }
            });
            try {
                Files.deleteIfExists(data.resolve(ZONKY_LOCK_FILE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unlock " + data + " for the next start", e);
            }
            postgres = null;
        }

        private void closeQuietly() {
            if (postgres == null) {
                return;
            }
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                // nothing left running
            } finally {
                postgres = null;
            }
        }

        private Optional<Long> postmasterPid() {
            try {
                List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
                return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
