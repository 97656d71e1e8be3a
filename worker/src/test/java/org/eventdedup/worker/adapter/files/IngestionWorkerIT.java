package org.eventdedup.worker.adapter.files;

import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunCheckpoint;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FreshDatabaseExtension.class)
class IngestionWorkerIT {

    private final PersistenceModule persistence;
    private final Jdbi jdbi;
    @TempDir
    Path folder;
    @TempDir
    Path deadLetters;

    IngestionWorkerIT(PersistenceModule persistence) {
        this.persistence = persistence;
        this.jdbi = persistence.jdbi();
    }

    @BeforeEach
    void empty_tables() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, match_decisions, canonical_events,"
                + " canonical_event_sources, pipeline_runs, config_settings, config_history RESTART IDENTITY CASCADE"));
    }

    @Test
    void files_already_there_dropped_later_and_written_slowly_are_all_ingested_and_bad_ones_dead_lettered()
            throws Exception {
        Files.write(folder.resolve("bwb_01.json"), fixture("bwb_01.json"));
        Files.writeString(folder.resolve("notes.txt"), "not an input file");
        DeadLetterDirectory dead = new DeadLetterDirectory(deadLetters);
        PipelineRun pipeline = new PipelineRun(new JdbiPipelineTransactions(jdbi), new ConfigService(persistence.configRepository(),
                new ReversingSecretCipher(), null, null, Clock.systemUTC()), Lexicon.EMPTY, null, dead,
                RunCheckpoint.NONE, Clock.systemUTC());
        FileIntake intake = new FileIntake(new JdbiIngestionQueue(jdbi), dead, 64 * 1024);
        try (IngestionWorker worker = new IngestionWorker(folder, intake, pipeline, new IngestionWorker.Timing(
                Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofMillis(200))).start()) {
            await(() -> count("SELECT count(*) FROM source_events") == 2);

            // an atomic rename into the folder
            Path temporary = Files.createTempFile(deadLetters.getParent(), "emt", ".part");
            Files.write(temporary, fixture("emt_02.json"));
            Files.move(temporary, folder.resolve("emt_02.json"), StandardCopyOption.ATOMIC_MOVE);
            // written in pieces: never read half-written
            byte[] slow = fixture("rkb_03.json");
            try (OutputStream out = Files.newOutputStream(folder.resolve("rkb_03.json"))) {
                for (int from = 0; from < slow.length; from += slow.length / 4 + 1) {
                    out.write(slow, from, Math.min(slow.length / 4 + 1, slow.length - from));
                    out.flush();
                    Thread.sleep(120);
                }
            }
            Files.write(folder.resolve("broken_04.json"), fixture("broken_04.json"));
            Files.write(folder.resolve("huge_05.json"), new byte[70 * 1024]);

            await(() -> count("SELECT count(*) FROM source_events") == 6
                    && Files.exists(deadLetters.resolve("huge_05.json.error.json"))
                    && Files.exists(deadLetters.resolve("broken_04.json.error.json")));
        }
        assertThat(count("SELECT count(*) FROM file_ingestions WHERE status = 'completed'")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM file_ingestions WHERE status = 'failed'")).isEqualTo(2);
        assertThat(Files.readString(deadLetters.resolve("huge_05.json.error.json"))).contains("more than the limit");
        assertThat(folder.resolve("broken_04.json")).doesNotExist();
        assertThat((List<Long>) jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM canonical_event_sources WHERE source_event_id LIKE '%-umzug'
                         GROUP BY canonical_event_id""").mapTo(Long.class).list())).isEqualTo(List.of(3L));
    }

    @Test
    void a_saved_config_starts_its_run_at_once_not_at_the_next_poll() throws Exception {
        Files.write(folder.resolve("bwb_01.json"), fixture("bwb_01.json"));
        DeadLetterDirectory dead = new DeadLetterDirectory(deadLetters);
        ConfigService configs = new ConfigService(persistence.configRepository(), new ReversingSecretCipher(), null,
                null, Clock.systemUTC());
        PipelineRun pipeline = new PipelineRun(new JdbiPipelineTransactions(jdbi), configs, Lexicon.EMPTY, null, dead,
                RunCheckpoint.NONE, Clock.systemUTC());
        FileIntake intake = new FileIntake(new JdbiIngestionQueue(jdbi), dead, 64 * 1024);
        // idle for a minute between polls: only the wake can start the second run within the test's time
        try (IngestionWorker worker = new IngestionWorker(folder, intake, pipeline, new IngestionWorker.Timing(
                Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofMillis(200)),
                () -> persistence.watchedConfigVersion().orElse(-1)).start()) {
            await(() -> count("SELECT count(*) FROM pipeline_runs WHERE status = 'completed'") == 1);
            Thread.sleep(300); // idle now, waiting for files or the wake

            long saved = System.nanoTime();
            configs.update(new UpdateConfigCommand(Map.of("thresholds", Map.of("high", 0.7)), ApiKeyChange.KEEP,
                    Precondition.NONE, "test"));
            await(() -> count("SELECT count(*) FROM pipeline_runs WHERE mode = 'full' AND status = 'completed'")
                    == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - saved))
                    .as("the re-match ran after the save, not a minute later").isLessThan(Duration.ofSeconds(15));
        }
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 20 s");
            }
            Thread.sleep(100);
        }
    }

    private static byte[] fixture(String name) {
        try (var in = IngestionWorkerIT.class.getResourceAsStream("/pipeline/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
