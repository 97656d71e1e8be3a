package org.eventdedup.worker.adapter.files;

import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.OwnedPostgres;
import org.eventdedup.testing.db.TestDatabase;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunCheckpoint;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.eventdedup.worker.testing.PipelineSnapshot;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker while its PostgreSQL goes away and comes back: a run cut off in the middle and
 * files arriving during the outage are processed once the database returns, with exactly the result of an
 * uninterrupted run; no failed run is recorded for the outage, and it is logged once when it begins and once when it
 * ends. The database is a real server this test owns and stops ({@link OwnedPostgres}).
 */
class WorkerOutageIT {

    private static final List<String> FILES = List.of("broken_04.json", "bwb_01.json", "emt_02.json", "rkb_03.json");
    private static final IngestionWorker.Timing FAST = new IngestionWorker.Timing(Duration.ofMillis(200),
            Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(800));

    private static PipelineSnapshot uninterrupted;

    @TempDir
    Path folder;
    @TempDir
    Path deadLetters;

    private OwnedPostgres database;
    private PersistenceModule persistence;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger rootLog = (Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger workerLog = (Logger) org.slf4j.LoggerFactory.getLogger(IngestionWorker.class);

    /** The same files through the same loop on the shared test server, nothing stopped. */
    @BeforeAll
    static void uninterrupted_run(@TempDir Path folder, @TempDir Path deadLetters) throws Exception {
        try (TestDatabase reference = TestDatabase.create()) {
            drop(folder, FILES);
            Jdbi jdbi = reference.persistence().jdbi();
            try (IngestionWorker worker = worker(reference.persistence(), folder, deadLetters, RunCheckpoint.NONE)
                    .start()) {
                await(() -> done(jdbi));
            }
            uninterrupted = PipelineSnapshot.of(jdbi);
        }
        assertThat(uninterrupted.tables().get("source_events")).hasSize(6);
        assertThat(uninterrupted.tables().get("file_ingestions")).hasSize(4);
    }

    @BeforeEach
    void own_database() {
        database = OwnedPostgres.startNew();
        persistence = PersistenceModule.connect(database.settings(), Duration.ofMillis(500));
        persistence.migrate();
        logs.start();
        rootLog.addAppender(logs);
        workerLog.setLevel(Level.DEBUG);
    }

    @AfterEach
    void close() {
        rootLog.detachAppender(logs);
        workerLog.setLevel(null);
        persistence.close();
        database.close();
    }

    @Test
    void a_run_cut_off_by_the_database_stopping_is_retried_when_it_returns_and_stores_the_uninterrupted_result()
            throws Exception {
        drop(folder, FILES);
        AtomicBoolean stopped = new AtomicBoolean();
        // in the middle of the run: its listings are written (uncommitted), matching is next
        RunCheckpoint stopOnce = step -> {
            if (step == RunCheckpoint.Step.STORED && stopped.compareAndSet(false, true)) {
                database.stopImmediately();
            }
        };
        try (IngestionWorker worker = worker(persistence, folder, deadLetters, stopOnce).start()) {
            await(() -> retries() >= 3);
            database.start();
            await(() -> done(persistence.jdbi()));
        }

        assertThat(stopped).isTrue();
        assertThat(PipelineSnapshot.of(persistence.jdbi()).tables()).isEqualTo(uninterrupted.tables());
        assertThat(count("SELECT count(*) FROM pipeline_runs WHERE status = 'failed'"))
                .as("an outage is no failed run").isZero();
        assertLoggedOncePerOutage();
    }

    @Test
    void files_dropped_while_the_database_is_down_are_queued_and_processed_when_it_returns() throws Exception {
        try (IngestionWorker worker = worker(persistence, folder, deadLetters, RunCheckpoint.NONE).start()) {
            await(() -> lines().stream().anyMatch(l -> l.startsWith("INFO Worker watching")));
            database.stop();
            drop(folder, FILES);
            await(() -> retries() >= 3);
            database.start();
            await(() -> done(persistence.jdbi()));
        }

        assertThat(PipelineSnapshot.of(persistence.jdbi()).tables()).isEqualTo(uninterrupted.tables());
        assertThat(count("SELECT count(*) FROM pipeline_runs WHERE status = 'failed'")).isZero();
        assertLoggedOncePerOutage();
    }

    private void assertLoggedOncePerOutage() {
        List<String> lines = lines();
        assertThat(lines.stream().filter(l -> l.startsWith("WARN Database unavailable"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.startsWith("INFO Database available again"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.startsWith("DEBUG Database still unavailable")))
                .as("each retry after the first is logged at DEBUG only").hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.stream().filter(l -> (l.startsWith("WARN") || l.startsWith("ERROR"))
                        && !l.startsWith("WARN Rejected broken_04.json")))
                .as("nothing else is logged as a problem (the broken file is rejected, as without an outage)")
                .hasSize(1);
    }

    /** The application's log lines ("LEVEL message"), without the pool's and driver's. */
    private List<String> lines() {
        synchronized (logs) { // the appender appends under its own lock
            return logs.list.stream().filter(e -> e.getLoggerName().startsWith("org.eventdedup"))
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    private long retries() {
        return lines().stream().filter(l -> l.startsWith("WARN Database unavailable")
                || l.startsWith("DEBUG Database still unavailable")).count();
    }

    private long count(String sql) {
        return persistence.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Every file has left the queue (three completed, one dead-lettered) and the last run committed. */
    private static boolean done(Jdbi jdbi) {
        try {
            return jdbi.withHandle(h -> h.createQuery("""
                    SELECT count(*) FILTER (WHERE status = 'completed') = 3 AND count(*) FILTER (WHERE status = 'failed') = 1
                      FROM file_ingestions""").mapTo(Boolean.class).one());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static IngestionWorker worker(PersistenceModule persistence, Path folder, Path deadLetters,
                                          RunCheckpoint checkpoint) {
        Jdbi jdbi = persistence.jdbi();
        DeadLetterDirectory dead = new DeadLetterDirectory(deadLetters);
        PipelineRun pipeline = new PipelineRun(new JdbiPipelineTransactions(jdbi), new ConfigService(persistence.configRepository(),
                new ReversingSecretCipher(), null, null, Clock.systemUTC()), Lexicon.EMPTY, null, dead, checkpoint,
                Clock.systemUTC());
        return new IngestionWorker(folder, new FileIntake(new JdbiIngestionQueue(jdbi), dead, FileIntake.DEFAULT_MAX_BYTES),
                pipeline, FAST);
    }

    private static void drop(Path folder, List<String> names) {
        for (String name : names) {
            try (var in = WorkerOutageIT.class.getResourceAsStream("/pipeline/" + name)) {
                Path part = folder.resolve(name + ".part");
                Files.write(part, in.readAllBytes());
                Files.move(part, folder.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
