package org.eventdedup.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar app/target/event-dedup.jar serve} as its own process with its embedded PostgreSQL, the way an
 * operator runs it: no database URL, a data folder of its own. PostgreSQL refuses to run as root, so when the tests
 * run as root (as CI does) the server runs as the {@code postgres} user (or {@code nobody}) through {@code runuser},
 * with the folder handed to that user. Its log goes to a file the test reads.
 */
final class ServeProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "event-dedup.jar").toAbsolutePath();
    static final String ADMIN_PASSWORD = "serve-process-admin";
    private static final Pattern HTTP_PORT = Pattern.compile("HTTP API listening on port (\\d+)");
    private static final Pattern DB_PORT = Pattern.compile("Embedded PostgreSQL started on port (\\d+)");

    private final Path home;
    private final Path log;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int httpPort;

    private ServeProcess(Path home, Path log, Process process) {
        this.home = home;
        this.log = log;
        this.process = process;
    }

    /**
     * The folder a server keeps everything in (the jar, the shipped config, data, watched input, dead letters),
     * usable by the server's user: copies, so nothing outside it needs to be readable by that user.
     */
    static Path home(Path parent) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: it is built in the package phase");
        }
        Path home = Files.createDirectories(parent.resolve("serve-home"));
        Files.createDirectories(home.resolve("eventdata"));
        Files.copy(JAR, home.resolve("event-dedup.jar"));
        Path config = Files.createDirectories(home.resolve("config"));
        try (var shipped = Files.list(Path.of("..", "config"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, config.resolve(file.getFileName()));
            }
        }
        if (serverUser().isPresent()) {
            // JUnit's temporary folders are private to their owner; the server's user must reach into this one
            parent.toFile().setExecutable(true, false);
        }
        handOver(home);
        return home;
    }

    /** Starts {@code serve} on {@code home} and waits until it answers {@code /ready}. */
    static ServeProcess start(Path home, String logName) throws IOException, InterruptedException {
        // kept after the test's temporary folder is gone
        Path log = Files.createDirectories(Path.of("target", "serve-logs")).toAbsolutePath()
                .resolve(home.getParent().getFileName() + "-" + logName);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("EVENT_DEDUP_DATA_DIR", home.resolve("data").toString());
        env.put("EVENT_DEDUP_EVENT_DATA_DIR", home.resolve("eventdata").toString());
        env.put("EVENT_DEDUP_DEAD_LETTER_DIR", home.resolve("dead").toString());
        env.put("EVENT_DEDUP_HTTP_PORT", "0");
        env.put("EVENT_DEDUP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("EVENT_DEDUP_MATCHING_CONFIG_PATH", home.resolve("config").resolve("matching.yaml").toString());
        List<String> command = new ArrayList<>(asServerUser());
        command.add("env");
        command.add("-i");
        command.add("PATH=/usr/bin:/bin");
        env.forEach((k, v) -> command.add(k + "=" + v));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        // its own temporary folder: the PostgreSQL binaries unpack there, whoever ran tests before
        command.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
        command.add("-jar");
        command.add(home.resolve("event-dedup.jar").toString());
        command.add("serve");
        Files.createDirectories(home.resolve("tmp"));
        handOver(home);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServeProcess serve = new ServeProcess(home, log, process);
        serve.httpPort = Integer.parseInt(serve.awaitLog(HTTP_PORT, Duration.ofSeconds(120)));
        serve.await(() -> serve.get("/ready").statusCode() == 200, Duration.ofSeconds(60), "/ready");
        return serve;
    }

    /** The JVM's process (not {@code runuser}'s, which would not pass a signal on). */
    ProcessHandle jvm() {
        if (asServerUser().isEmpty()) {
            return process.toHandle();
        }
        return process.toHandle().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no java process below " + process.pid()));
    }

    /** The postmaster of the embedded server, from its pid file (it runs detached from the JVM). */
    ProcessHandle postmaster() throws IOException {
        String first = Files.readAllLines(home.resolve("data").resolve("postgres").resolve("postmaster.pid")).get(0);
        return ProcessHandle.of(Long.parseLong(first.trim()))
                .orElseThrow(() -> new IllegalStateException("postmaster " + first + " is not running"));
    }

    /** SIGKILL to the JVM, the postmaster and every PostgreSQL process below it: a power cut, as far as we can. */
    void killEverything() throws IOException, InterruptedException {
        ProcessHandle postmaster = postmaster();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        all.add(jvm());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().join();
        }
        process.waitFor();
    }

    /** SIGTERM to the JVM, as systemd or Ctrl-C would send; waits for the process to end. */
    int terminate(Duration within) throws InterruptedException {
        jvm().destroy();
        if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("serve did not stop within " + within + " after SIGTERM; see " + log);
        }
        return process.exitValue();
    }

    int embeddedPort() throws IOException {
        Matcher m = DB_PORT.matcher(log());
        String port = null;
        while (m.find()) {
            port = m.group(1); // the last start in this log
        }
        if (port == null) {
            throw new IllegalStateException("no embedded PostgreSQL port in " + log);
        }
        return Integer.parseInt(port);
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    Path logFile() {
        return log;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> patchConfig(String json, String ifMatch) {
        return send(HttpRequest.newBuilder(uri("/api/config")).header("Content-Type", "application/json")
                .header("If-Match", ifMatch).method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(request.header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    void await(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not there yet
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve ended (exit " + process.exitValue() + ") while waiting for " + what
                        + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + within + "; see " + log);
            }
            Thread.sleep(100);
        }
    }

    private String awaitLog(Pattern pattern, Duration within) throws InterruptedException {
        String[] found = new String[1];
        await(() -> {
            try {
                Matcher m = pattern.matcher(log());
                if (m.find()) {
                    found[0] = m.group(1);
                    return true;
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        }, within, "log line " + pattern.pattern());
        return found[0];
    }

    /** The line numbers (from 0) of each text in the log, in the order given; -1 for a missing one. */
    List<Integer> linesOf(String... texts) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<Integer> at = new ArrayList<>();
        for (String text : texts) {
            int found = -1;
            for (int i = 0; i < lines.size() && found < 0; i++) {
                if (lines.get(i).contains(text)) {
                    found = i;
                }
            }
            at.add(found);
        }
        return at;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process.isAlive()) {
            terminate(Duration.ofSeconds(60));
        }
    }

    /** {@code runuser -u USER --} when running as root, else nothing. */
    private static List<String> asServerUser() {
        return serverUser().map(user -> List.of("runuser", "-u", user, "--")).orElse(List.of());
    }

    private static Optional<String> serverUser() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        return Optional.of(userExists("postgres") ? "postgres" : "nobody");
    }

    private static boolean userExists(String name) {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(name + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Gives the folder to the server's user, when that is another one. */
    private static void handOver(Path dir) throws IOException {
        Optional<String> user = serverUser();
        if (user.isEmpty()) {
            return;
        }
        try {
            Process chown = new ProcessBuilder("chown", "-R", user.get(), dir.toString()).inheritIO().start();
            if (chown.waitFor() != 0) {
                throw new IOException("chown -R " + user.get() + " " + dir + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
