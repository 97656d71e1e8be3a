package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.generator.GenerateCommand;
import org.eventdedup.testing.db.TestDatabase;
import org.eventdedup.worker.testing.PipelineSnapshot;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: the {@code worker} process is killed with SIGKILL at random points of its
 * work, again and again over the same watched folder, then let finish; what it stored (listings, decisions,
 * canonical events, files) equals what an uninterrupted worker stored from the same files. The worker runs as a
 * separate JVM on this test's classpath, so no fat jar is needed.
 *
 * <p>Kill points are drawn from a seeded random; the seed is printed, and {@code -Devent-dedup.crash-seed=N} replays
 * one. The input is a generated data set ({@value #LISTINGS} listings in 18 files, plus one
 * invalid file that goes to dead letters), big enough that the work takes
 * seconds; with one file per run ({@code EVENT_DEDUP_WORKER_MAX_FILES_PER_RUN=1}) the work is a chain of runs, so
 * kills land before, between and inside committed runs, not only in one long transaction.
 */
class WorkerCrashIT {

    static final int LISTINGS = 4_000;
    static final int KILLS = 20;

    @TempDir
    Path work;

    @Test
    void killed_at_random_points_again_and_again_the_worker_ends_with_the_uninterrupted_result() throws Exception {
        long seed = Long.getLong("event-dedup.crash-seed", System.nanoTime());
        System.out.println("WorkerCrashIT: kill points from seed " + seed
                + " (replay with -Devent-dedup.crash-seed=" + seed + ")");
        Path input = generate(work.resolve("generated"));
        // first in name order, so the first run rejects it to dead letters (a file move outside the transaction)
        Files.writeString(input.resolve("aaa_broken.json"), "{\"events\": [{\"id\": \"broken-1\"}]}");
        int files = fileCount(input);
        Path logs = Files.createDirectories(Path.of("target", "worker-crash-logs"));
        String key = FernetKey.generate();

        try (TestDatabase reference = TestDatabase.create(); TestDatabase crashed = TestDatabase.create()) {
            Path referenceFolder = copy(input, work.resolve("reference-input"));
            long started = System.nanoTime();
            Process uninterrupted = worker(reference.settings(), referenceFolder, work.resolve("reference-dead"), key,
                    logs.resolve("reference.log"));
            await(() -> count(reference, "SELECT count(*) FROM file_ingestions") > 0, uninterrupted);
            long startupMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            await(() -> done(reference.persistence().jdbi(), files), uninterrupted);
            long totalMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            stop(uninterrupted);
            long runs = count(reference, "SELECT count(*) FROM pipeline_runs WHERE status = 'completed'");
            long runMillis = (totalMillis - startupMillis) / Math.max(1, runs);
            PipelineSnapshot expected = PipelineSnapshot.of(reference.persistence().jdbi());
            System.out.println("WorkerCrashIT: uninterrupted worker done in " + totalMillis + " ms (start-up "
                    + startupMillis + " ms, " + runs + " runs of about " + runMillis + " ms): " + expected.summary());
            assertThat(runs).as("one file per run: kills land in the middle of the work, between and inside runs")
                    .isEqualTo(files);

            Path folder = copy(input, work.resolve("crashed-input"));
            Random random = new Random(seed);
            List<String> kills = new ArrayList<>();
            // from half-way through start-up to about four runs in: a kill often lands inside a run, every process
            // makes a little progress, and the work is not done long before the last kill
            long earliest = startupMillis / 2;
            long latest = startupMillis + 4 * runMillis;
            for (int i = 0; i < KILLS; i++) {
                long after = earliest + random.nextLong(latest - earliest + 1);
                Process victim = worker(crashed.settings(), folder, work.resolve("crashed-dead"), key,
                        logs.resolve("killed-" + i + ".log"));
                Thread.sleep(after);
                boolean alive = victim.isAlive();
                victim.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback from the client side
                victim.waitFor();
                kills.add(after + " ms" + (alive ? "" : " (had exited)") + " → " + state(crashed));
            }
            System.out.println("WorkerCrashIT: kills (delay → state after): " + String.join("; ", kills));

            Process last = worker(crashed.settings(), folder, work.resolve("crashed-dead"), key,
                    logs.resolve("final.log"));
            await(() -> done(crashed.persistence().jdbi(), files), last);
            stop(last);

            PipelineSnapshot actual = PipelineSnapshot.of(crashed.persistence().jdbi());
            assertThat(work.resolve("crashed-dead/aaa_broken.json.error.json")).as("the bad file's dead letter")
                    .exists();
            assertThat(folder.resolve("aaa_broken.json")).as("moved out of the watched folder").doesNotExist();
            assertThat(actual.tables().get("source_events")).as("the data set is stored").hasSize(LISTINGS);
            expected.tables().forEach((table, rows) ->
                    assertThat(actual.tables().get(table)).as(table + " after " + KILLS + " kills (seed " + seed + ")")
                            .containsExactlyElementsOf(rows));
        }
    }

    /** Every input file processed: all rows recorded and none pending (a run's writes commit together). */
    private static boolean done(Jdbi jdbi, int files) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT count(*) = :files AND count(*) FILTER (WHERE status = 'pending') = 0 FROM file_ingestions""")
                .bind("files", files).mapTo(Boolean.class).one());
    }

    private static long count(TestDatabase db, String sql) {
        return db.persistence().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static String state(TestDatabase db) {
        return db.persistence().jdbi().withHandle(h -> h.createQuery("""
                SELECT (SELECT count(*) FROM file_ingestions WHERE status <> 'pending') || ' files done, '
                    || (SELECT count(*) FROM file_ingestions WHERE status = 'pending') || ' queued, '
                    || (SELECT count(*) FROM pipeline_runs WHERE status = 'completed') || ' runs'""")
                .mapTo(String.class).one());
    }

    /** The {@code worker} command in its own JVM, on this test's classpath, logging to {@code log}. */
    private static Process worker(DatabaseSettings database, Path folder, Path deadLetters, String key, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "worker");
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith(AppSettings.PREFIX));
        env.put(AppSettings.DATABASE_URL, database.jdbcUrl());
        if (database.user() != null) {
            env.put(AppSettings.DATABASE_USER, database.user());
        }
        if (database.password() != null) {
            env.put(AppSettings.DATABASE_PASSWORD, database.password());
        }
        env.put(AppSettings.EVENT_DATA_DIR, folder.toString());
        env.put(AppSettings.DEAD_LETTER_DIR, deadLetters.toString());
        env.put(AppSettings.MATCHING_CONFIG_PATH, ApplicationIT.SHIPPED_YAML.toAbsolutePath().toString());
        env.put(AppSettings.ENCRYPTION_KEY, key);
        env.put(AppSettings.WORKER_MAX_FILES_PER_RUN, "1");
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** SIGTERM: the worker finishes or rolls back its run and stops. */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static void await(BooleanSupplier condition, Process worker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(worker.isAlive()).as("the worker process is running (see target/worker-crash-logs)").isTrue();
            assertThat(System.nanoTime()).as("the worker finishes within 120 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static Path generate(Path out) {
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(messages, true, StandardCharsets.UTF_8);
        int code = GenerateCommand.run(List.of("--listings", Integer.toString(LISTINGS), "--seed", "6", "--out",
                out.toString()), print, print);
        assertThat(code).as(messages.toString(StandardCharsets.UTF_8)).isZero();
        return out.resolve("input");
    }

    private static int fileCount(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }
}
