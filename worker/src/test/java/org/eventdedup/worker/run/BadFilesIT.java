package org.eventdedup.worker.run;

import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.eventdedup.worker.adapter.files.IngestionWorker;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad files: one batch of the watched folder with every kind of bad file beside two good ones. Each bad
 * file ends in the dead-letter folder with a {@code <name>.error.json} that names the field and the reason, nothing
 * of it is stored, and both good files are stored by the same run.
 */
@ExtendWith(FreshDatabaseExtension.class)
class BadFilesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> GOOD = List.of("bwb_good.json", "emt_good.json");
    private static final List<String> BAD_FIXTURES = List.of("emt_broken_json.json", "emt_missing_fields.json",
            "emt_wrong_types.json", "emt_duplicate_id.json", "emt_invalid_date.json");
    private static final String EMPTY = "emt_empty.json";
    private static final String HUGE = "emt_huge.json";

    private final PersistenceModule persistence;
    private final Jdbi jdbi;
    @TempDir
    Path folder;
    @TempDir
    Path deadLetters;

    BadFilesIT(PersistenceModule persistence) {
        this.persistence = persistence;
        this.jdbi = persistence.jdbi();
    }

    @Test
    void every_bad_file_is_dead_lettered_with_its_reasons_and_the_good_files_of_the_same_batch_are_stored()
            throws Exception {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, match_decisions, canonical_events,"
                + " canonical_event_sources, pipeline_runs, config_settings, config_history RESTART IDENTITY CASCADE"));
        for (String name : concat(GOOD, BAD_FIXTURES)) {
            try (InputStream in = BadFilesIT.class.getResourceAsStream("/badfiles/" + name)) {
                Files.copy(in, folder.resolve(name));
            }
        }
        Files.createFile(folder.resolve(EMPTY));
        long hugeSize = FileIntake.DEFAULT_MAX_BYTES + 1;
        try (RandomAccessFile huge = new RandomAccessFile(folder.resolve(HUGE).toFile(), "rw")) {
            huge.write("{\"events\": [".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            huge.setLength(hugeSize); // sparse: never held in memory, hardly written to disk
        }
        List<String> bad = concat(BAD_FIXTURES, List.of(EMPTY, HUGE));

        DeadLetterDirectory dead = new DeadLetterDirectory(deadLetters);
        PipelineRun pipeline = new PipelineRun(new JdbiPipelineTransactions(jdbi), new ConfigService(persistence.configRepository(),
                new ReversingSecretCipher(), null, null, Clock.systemUTC()), Lexicon.EMPTY, null, dead,
                RunCheckpoint.NONE, Clock.systemUTC());
        FileIntake intake = new FileIntake(new JdbiIngestionQueue(jdbi), dead, FileIntake.DEFAULT_MAX_BYTES);
        // every file is in the folder before the worker starts: the startup scan makes them one batch
        try (IngestionWorker worker = new IngestionWorker(folder, intake, pipeline, new IngestionWorker.Timing(
                Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofMillis(200))).start()) {
            await(() -> bad.stream().allMatch(name -> Files.exists(deadLetters.resolve(name + ".error.json")))
                    && count("SELECT count(*) FROM pipeline_runs") >= 1);
        }

        assertThat(strings("SELECT id FROM source_events ORDER BY id")).as("both good files stored, nothing else")
                .containsExactly("bwb-good-konzert", "bwb-good-umzug", "emt-good-flohmarkt");
        assertThat(count("SELECT count(*) FROM canonical_event_sources")).isEqualTo(3);
        assertThat(strings("SELECT status || ' ' || mode || ' ' || (counts ->> 'files_completed') || ' '"
                + " || (counts ->> 'files_failed') FROM pipeline_runs"))
                .as("one run: the two good files completed, the six parsed bad ones failed (the huge one never"
                        + " reaches a run: the intake rejects it)")
                .containsExactly("completed incremental 2 6");
        assertThat(strings("SELECT filename || ' ' || status FROM file_ingestions ORDER BY filename"))
                .containsExactlyInAnyOrderElementsOf(concat(
                        GOOD.stream().map(n -> n + " completed").toList(),
                        bad.stream().map(n -> n + " failed").toList()));

        for (String name : bad) {
            assertThat(deadLetters.resolve(name)).as(name + " moved to dead letters").exists();
            assertThat(folder.resolve(name)).as(name + " gone from the watched folder").doesNotExist();
            assertThat(JSON.readTree(deadLetters.resolve(name + ".error.json").toFile()).path("file").asText())
                    .isEqualTo(name);
        }
        for (String name : BAD_FIXTURES) {
            assertThat(Files.readAllBytes(deadLetters.resolve(name))).as(name + " kept byte for byte")
                    .isEqualTo(fixture(name));
        }
        assertThat(Files.size(deadLetters.resolve(HUGE))).isEqualTo(hugeSize);
        assertThat(Files.size(deadLetters.resolve(EMPTY))).isZero();

        assertThat(problems("emt_broken_json.json")).singleElement()
                .satisfies(p -> assertThat(p).startsWith(" Invalid JSON"));
        assertThat(problems("emt_missing_fields.json")).containsExactlyInAnyOrder(
                "/events/0/id is required (a string)",
                "/events/1/title is required (a string)",
                "/events/2/source_type is required (a string)");
        assertThat(problems("emt_wrong_types.json")).contains(
                "/events/0/title must be a string, was number",
                "/events/0/location must be an object or null, was string",
                "/events/0/categories must be an array of strings or null, was string",
                "/events/0/admission_free must be true, false or null, was string");
        assertThat(problems("emt_wrong_types.json")).anySatisfy(p -> assertThat(p)
                .startsWith("/events/0/event_dates must be an array"));
        assertThat(problems("emt_duplicate_id.json")).containsExactly(
                "/events/1/id duplicate id, already used by /events/0");
        assertThat(problems("emt_invalid_date.json")).containsExactlyInAnyOrder(
                "/events/0/event_dates/0/date must be a date YYYY-MM-DD, was \"2026-02-30\"",
                "/events/1/event_dates/0/date must be a date YYYY-MM-DD, was \"01.03.2026\"");
        assertThat(problems(EMPTY)).containsExactly(" Invalid JSON: the file is empty");
        assertThat(problems(HUGE)).containsExactly(" file is " + hugeSize + " bytes, more than the limit of "
                + FileIntake.DEFAULT_MAX_BYTES + " bytes");

        JsonNode duplicate = JSON.readTree(deadLetters.resolve("emt_duplicate_id.json.error.json").toFile())
                .path("problems").get(0);
        assertThat(duplicate.path("event_index").asInt()).isEqualTo(1);
        assertThat(duplicate.path("event_id").asText()).isEqualTo("twice");
    }

    /** "field reason" of each problem in the .error.json. */
    private List<String> problems(String name) throws IOException {
        JsonNode document = JSON.readTree(deadLetters.resolve(name + ".error.json").toFile());
        assertThat(document.path("status").asText()).isEqualTo("failed");
        List<String> out = new ArrayList<>();
        for (JsonNode p : document.path("problems")) {
            out.add(p.path("field").asText() + " " + p.path("reason").asText());
        }
        return out;
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = BadFilesIT.class.getResourceAsStream("/badfiles/" + name)) {
            return in.readAllBytes();
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private List<String> strings(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 60 s");
            }
            Thread.sleep(200);
        }
    }
}
