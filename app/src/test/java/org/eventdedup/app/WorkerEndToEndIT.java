package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.app.ServeWithWorker.await;
import static org.eventdedup.app.ServeWithWorker.count;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.generator.DataSetFiles;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker end to end: the {@code serve} wiring (API and worker in one process) on a fresh database, real HTTP on a
 * random port and a watched folder. Sample files dropped into the folder become canonical events and decisions; a
 * config PATCHed over HTTP applies to the next batch, with no restart: its run records the new version and the
 * decisions follow the new threshold.
 *
 * <p>The files are ten of {@code /work/shared/data/sample/input} when that folder exists, else ten files of a small
 * data set made by the in-repo generator ({@code generate --listings 1500 --seed 7}).
 */
@ExtendWith(FreshDatabaseExtension.class)
class WorkerEndToEndIT {

    /** The sample folder; the system property {@code event-dedup.sample-input} points elsewhere. */
    static final Path SAMPLE_INPUT = Path.of(System.getProperty("event-dedup.sample-input",
            "/work/shared/data/sample/input"));
    static final double HIGH = 0.99;
    /** How long the ten files' runs may take on a loaded machine. */
    private static final Duration RUNS = Duration.ofSeconds(120);

    @TempDir
    Path eventData;
    @TempDir
    Path deadLetters;
    @TempDir
    Path staging;

    @Test
    void sample_files_become_canonical_events_and_a_patched_threshold_applies_to_the_next_batch_without_restart(
            DatabaseSettings database, PersistenceModule persistence) throws Exception {
        List<Path> files = sampleFiles();
        List<Path> first = new ArrayList<>();
        List<Path> second = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            (i % 2 == 0 ? first : second).add(files.get(i));
        }
        try (ServeWithWorker serve = ServeWithWorker.start(database, persistence, eventData, deadLetters)) {
            Jdbi jdbi = serve.jdbi();

            drop(first);
            await(() -> completed(jdbi, first), RUNS);
            assertThat(count(jdbi, "SELECT count(*) FROM file_ingestions WHERE status = 'failed'")).isZero();
            assertThat(count(jdbi, "SELECT count(*) FROM canonical_events")).isPositive();
            assertThat(count(jdbi, "SELECT count(*) FROM match_decisions")).isPositive();
            assertThat(count(jdbi, "SELECT count(*) FROM source_events")).isEqualTo(count(jdbi,
                    "SELECT count(*) FROM canonical_event_sources"));
            assertThat(count(jdbi, "SELECT count(*) FROM pipeline_runs WHERE status = 'completed'"
                    + " AND config_version = 0")).isPositive();
            assertThat(count(jdbi, "SELECT count(*) FROM match_decisions WHERE decision = 'match'"
                    + " AND tier = 'deterministic' AND combined_score < " + HIGH))
                    .as("the sample has deterministic matches below %s under the shipped config", HIGH)
                    .isPositive();

            HttpResponse<String> patched = serve.send("PATCH", "/api/config",
                    "{\"thresholds\":{\"high\":" + HIGH + "}}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

            drop(second);
            await(() -> completed(jdbi, second)
                    && count(jdbi, "SELECT count(*) FROM pipeline_runs WHERE status = 'completed'"
                    + " AND mode = 'full' AND config_version = 1") == 1, RUNS);

            List<Long> versions = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT r.config_version"
                            + " FROM file_ingestions f JOIN pipeline_runs r ON r.id = f.run_id"
                            + " WHERE f.filename IN (<names>)")
                    .bindList("names", names(second)).mapTo(Long.class).list());
            assertThat(versions)
                    .as("the second batch's run used the patched config").containsExactly(1L);
            assertThat(count(jdbi, "SELECT count(*) FROM pipeline_runs WHERE status <> 'completed'")).isZero();
            assertThat(count(jdbi, "SELECT count(*) FROM match_decisions WHERE decision = 'match'"
                    + " AND tier = 'deterministic' AND combined_score < " + HIGH))
                    .as("no deterministic match below the new threshold, old pairs re-matched included").isZero();
            assertThat(count(jdbi, "SELECT count(*) FROM match_decisions WHERE config_version = 1"))
                    .as("decisions the new threshold changed carry the new version").isPositive();
            assertThat(count(jdbi, "SELECT count(*) FROM match_decisions WHERE config_version = 0"))
                    .as("decisions it did not change were not rewritten").isPositive();
            assertThat(count(jdbi, "SELECT count(*) FROM match_decisions md JOIN source_events s ON s.id = md.b"
                    + " JOIN file_ingestions f ON f.id = s.file_ingestion_id WHERE f.filename IN ("
                    + names(second).stream().map(n -> "'" + n.replace("'", "''") + "'")
                    .collect(Collectors.joining(",")) + ")"))
                    .as("the second batch has decisions of its own").isPositive();
            assertThat(count(jdbi, "SELECT count(*) FROM source_events")).isEqualTo(count(jdbi,
                    "SELECT count(*) FROM canonical_event_sources"));
        }
    }

    /** Ten input files, sorted by name so each batch mixes sources over the same weeks. */
    private List<Path> sampleFiles() throws IOException {
        Path input;
        if (Files.isDirectory(SAMPLE_INPUT)) {
            input = SAMPLE_INPUT;
        } else {
            DataSetFiles.write(1_500, 7, staging.resolve("generated")); // 11 files
            input = staging.resolve("generated").resolve(DataSetFiles.INPUT_FOLDER);
        }
        try (Stream<Path> listing = Files.list(input)) {
            List<Path> all = listing.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted((a, b) -> dateThenName(a).compareTo(dateThenName(b))).toList();
            assertThat(all.size()).as("input files in " + input).isGreaterThanOrEqualTo(10);
            return all.subList(0, 10);
        }
    }

    /** Sample names end in the publication date ({@code amt-2026-01-08.json}): sort by it, then by name. */
    private static String dateThenName(Path file) {
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.length() - ".json".length());
        String date = stem.length() >= 10 ? stem.substring(stem.length() - 10) : stem;
        return date + " " + name;
    }

    /** Copies into a staging folder, then moves atomically into the watched folder. */
    private void drop(List<Path> files) throws IOException {
        for (Path file : files) {
            Path staged = staging.resolve(file.getFileName());
            Files.copy(file, staged, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, eventData.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static boolean completed(Jdbi jdbi, List<Path> files) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM file_ingestions"
                        + " WHERE status = 'completed' AND filename IN (<names>)")
                .bindList("names", names(files)).mapTo(Long.class).one()) == files.size();
    }
}
