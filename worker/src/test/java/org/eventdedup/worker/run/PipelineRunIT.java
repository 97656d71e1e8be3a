package org.eventdedup.worker.run;

import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.port.PipelineStore;
import org.eventdedup.worker.port.PipelineTransactions;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.testing.db.TestDatabase;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(FreshDatabaseExtension.class)
class PipelineRunIT {

    private final PersistenceModule persistence;
    private final Jdbi jdbi;
    @TempDir
    Path deadLetters;

    PipelineRunIT(PersistenceModule persistence) {
        this.persistence = persistence;
        this.jdbi = persistence.jdbi();
    }

    @BeforeEach
    void empty_tables() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, match_decisions, canonical_events,"
                + " canonical_event_sources, pipeline_runs, ai_match_cache, ai_usage_log, config_settings,"
                + " config_history RESTART IDENTITY CASCADE"));
    }

    @Test
    void queued_files_become_listings_decisions_and_canonical_events() {
        offer("bwb_01.json", "emt_02.json");

        RunSummary run = worker().runOnce().orElseThrow();

        assertThat(run.completed()).isTrue();
        assertThat(run.mode()).isEqualTo("incremental");
        assertThat(run.count("files_completed")).isEqualTo(2);
        assertThat(run.count("ingested")).isEqualTo(4);
        assertThat(memberships()).containsExactlyInAnyOrder(
                List.of("bwb-konzert"), List.of("bwb-umzug", "emt-umzug"), List.of("emt-flohmarkt"));
        assertThat(decision("bwb-umzug", "emt-umzug")).isEqualTo("match");
        assertThat(runRow()).containsEntry("status", "completed").containsEntry("config_version", 0L)
                .containsEntry("config_source", "defaults");
        assertThat(worker().runOnce()).as("nothing left to do, nothing recorded").isEmpty();
    }

    @Test
    void the_same_file_twice_is_recorded_once() {
        IngestionQueue queue = new JdbiIngestionQueue(jdbi);
        assertThat(offer(queue, "bwb_01.json").outcome()).isEqualTo(IngestionQueue.Outcome.QUEUED);
        assertThat(offer(queue, "bwb_01.json").outcome()).isEqualTo(IngestionQueue.Outcome.ALREADY_QUEUED);
        worker().runOnce().orElseThrow();

        assertThat(offer(queue, "bwb_01.json").outcome()).isEqualTo(IngestionQueue.Outcome.SKIPPED);
        assertThat(worker().runOnce()).isEmpty();
        assertThat(count("file_ingestions")).isEqualTo(1);
        assertThat(count("source_events")).isEqualTo(2);
    }

    @Test
    void a_bad_file_goes_to_dead_letters_with_every_problem_and_the_rest_of_the_batch_goes_on() throws IOException {
        offer("broken_04.json", "bwb_01.json");

        RunSummary run = worker().runOnce().orElseThrow();

        assertThat(run.completed()).isTrue();
        assertThat(run.count("files_failed")).isEqualTo(1);
        assertThat(run.count("files_completed")).isEqualTo(1);
        assertThat(Files.readAllBytes(deadLetters.resolve("broken_04.json"))).isEqualTo(fixture("broken_04.json"));
        String error = Files.readString(deadLetters.resolve("broken_04.json.error.json"));
        assertThat(error).contains("/events/0/title", "/events/0/event_dates/0/date", "/events/1/id");
        assertThat(listingIds()).containsExactlyInAnyOrder("bwb-konzert", "bwb-umzug");
        assertThat((String) jdbi.withHandle(h -> h.createQuery(
                "SELECT status || ' ' || jsonb_array_length(error -> 'problems') FROM file_ingestions"
                        + " WHERE filename = 'broken_04.json'").mapTo(String.class).one())).isEqualTo("failed 3");

        offer("broken_04.json");
        assertThat(worker().runOnce().orElseThrow().count("files_failed"))
                .as("a failed file dropped again is validated again").isEqualTo(1);
    }

    @Test
    void an_incremental_run_touches_only_the_affected_components_and_keeps_canonical_ids() {
        offer("bwb_01.json", "emt_02.json");
        worker().runOnce().orElseThrow();
        Map<String, Long> before = canonicalIdByListing();
        Map<Long, String> updatedBefore = updatedAt();

        offer("rkb_03.json");
        RunSummary run = worker().runOnce().orElseThrow();

        assertThat(run.count("listings_matched")).isEqualTo(2);
        assertThat(run.timings()).as("new listings only: written in the background while the run reads the"
                + " committed rows, following its own match edges from memory").containsKey("write_wait_ms");
        assertThat(memberships()).contains(List.of("bwb-umzug", "emt-umzug", "rkb-umzug"));
        Map<String, Long> after = canonicalIdByListing();
        assertThat(after.get("rkb-umzug")).as("a grown cluster keeps its id").isEqualTo(before.get("bwb-umzug"));
        for (String untouched : List.of("bwb-konzert", "emt-flohmarkt")) {
            long id = before.get(untouched);
            assertThat(after.get(untouched)).isEqualTo(id);
            assertThat(updatedAt().get(id)).as("untouched event not rewritten").isEqualTo(updatedBefore.get(id));
        }
        assertThat(run.count("canonicals")).as("re-synthesised: the grown cluster and the new singleton")
                .isEqualTo(2);
        assertThat((Integer) jdbi.withHandle(h -> h.createQuery("SELECT version FROM canonical_events WHERE id = :id")
                .bind("id", before.get("bwb-umzug")).mapTo(Integer.class).one())).isEqualTo(2);
    }

    @Test
    void a_new_config_version_makes_the_next_run_rematch_everything_and_record_it() {
        offer("bwb_01.json", "emt_02.json");
        worker().runOnce().orElseThrow();
        long umzug = canonicalIdByListing().get("bwb-umzug");

        configService().update(new UpdateConfigCommand(Map.of("thresholds", Map.of("high", 0.999)),
                ApiKeyChange.KEEP, Precondition.NONE, "test"));
        RunSummary run = worker().runOnce().orElseThrow();

        assertThat(run.mode()).isEqualTo("full");
        assertThat(run.configVersion()).isEqualTo(1L);
        assertThat(run.count("listings_matched")).isEqualTo(4);
        assertThat(decision("bwb-umzug", "emt-umzug")).isNotEqualTo("match");
        assertThat((List<Long>) jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT config_version FROM match_decisions")
                .mapTo(Long.class).list())).containsExactly(1L);
        assertThat(memberships()).contains(List.of("bwb-umzug"), List.of("emt-umzug"));
        assertThat(canonicalIdByListing().get("bwb-umzug")).as("a split keeps the id on one part").isEqualTo(umzug);
        assertThat(worker().runOnce()).as("the next run sees the same config again").isEmpty();
    }

    @Test
    void a_rematch_writes_only_the_rows_that_change() {
        IngestionQueue queue = new JdbiIngestionQueue(jdbi);
        List<byte[]> files = SyntheticFiles.make(11, 3, 45);
        for (int i = 0; i < files.size(); i++) {
            queue.offer("s" + i + "_2026-03-01.json", "s" + i, "test", null, files.get(i));
        }
        worker().runOnce().orElseThrow();
        Map<String, String> first = rowVersions();

        configService().update(new UpdateConfigCommand(Map.of("ai", Map.of("max_output_tokens", 999)),
                ApiKeyChange.KEEP, Precondition.NONE, "test"));
        RunSummary unchanged = worker().runOnce().orElseThrow();
        assertThat(unchanged.mode()).isEqualTo("full");
        assertThat(unchanged.count("pairs")).isGreaterThan(50);
        assertThat(rowVersions()).as("no row of listings, decisions, events or links rewritten").isEqualTo(first);

        configService().update(new UpdateConfigCommand(Map.of("thresholds", Map.of("high", 0.6)),
                ApiKeyChange.KEEP, Precondition.NONE, "test"));
        RunSummary changed = worker().runOnce().orElseThrow();
        Map<String, String> after = rowVersions();
        long rewrittenDecisions = after.entrySet().stream().filter(e -> e.getKey().startsWith("match_decisions "))
                .filter(e -> !e.getValue().equals(first.get(e.getKey()))).count();
        assertThat(changed.count("decisions_written")).isPositive().isLessThan(changed.count("pairs"))
                .isEqualTo(rewrittenDecisions);
        assertThat(after.keySet().stream().filter(k -> k.startsWith("source_events ")))
                .allMatch(k -> after.get(k).equals(first.get(k)));
    }

    /** Each row's transaction id ({@code xmin}): it changes whenever the row is written. */
    private Map<String, String> rowVersions() {
        Map<String, String> versions = new java.util.TreeMap<>();
        for (String[] table : new String[][] {{"source_events", "id"}, {"match_decisions", "a || '|' || b"},
            {"canonical_events", "id::text"}, {"canonical_event_sources", "source_event_id"}}) {
            jdbi.useHandle(h -> h.createQuery("SELECT " + table[1] + ", xmin::text FROM " + table[0])
                    .map((rs, ctx) -> Map.entry(table[0] + " " + rs.getString(1), rs.getString(2)))
                    .forEach(e -> versions.put(e.getKey(), e.getValue())));
        }
        return versions;
    }

    @Test
    void two_workers_on_the_same_inputs_produce_exactly_what_one_produces() throws Exception {
        List<List<String>> expected;
        List<String> expectedDecisions;
        try (TestDatabase single = TestDatabase.create()) {
            Jdbi other = single.persistence().jdbi();
            for (String name : List.of("bwb_01.json", "emt_02.json", "rkb_03.json")) {
                offer(new JdbiIngestionQueue(other), name);
            }
            worker(other, single.persistence(), RunCheckpoint.NONE).runOnce().orElseThrow();
            expected = memberships(other);
            expectedDecisions = decisions(other);
        }

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Void>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(() -> {
                    PipelineRun run = worker();
                    IngestionQueue queue = new JdbiIngestionQueue(jdbi);
                    for (String name : List.of("bwb_01.json", "emt_02.json", "rkb_03.json")) {
                        offer(queue, name);
                        run.runOnce();
                    }
                    while (run.runOnce().isPresent()) {
                        // until nothing is queued
                    }
                    return null;
                });
            }
            for (Future<Void> future : pool.invokeAll(workers)) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(memberships()).isEqualTo(expected);
        assertThat(decisions(jdbi)).isEqualTo(expectedDecisions);
        assertThat(count("file_ingestions")).isEqualTo(3);
        assertThat(count("canonical_event_sources")).isEqualTo(count("source_events")).isEqualTo(6);
    }

    @Test
    void files_left_for_the_next_run_are_read_ahead_and_give_what_reading_them_in_turn_gives() throws IOException {
        List<String> names = List.of("bwb_01.json", "broken_04.json", "emt_02.json", "rkb_03.json");
        List<String> expectedListings;
        List<String> expectedDecisions;
        List<List<String>> expectedMemberships;
        try (TestDatabase single = TestDatabase.create()) {
            Jdbi other = single.persistence().jdbi();
            names.forEach(name -> offer(new JdbiIngestionQueue(other), name));
            JdbiPipelineTransactions stored = new JdbiPipelineTransactions(other);
            // no committed reads: nothing is read ahead, every run reads its files itself
            PipelineTransactions inTurn = new PipelineTransactions() {
                @Override
                public <T> T inTransaction(java.util.function.Function<PipelineStore, T> work) {
                    return stored.inTransaction(work);
                }
            };
            PipelineRun run = new PipelineRun(inTurn, configService(single.persistence()), Lexicon.EMPTY, null,
                    new DeadLetterDirectory(deadLetters.resolve("in-turn")), RunCheckpoint.NONE, Clock.systemUTC(),
                    10, 2);
            while (run.runOnce().isPresent()) {
                // one file a run
            }
            expectedListings = listingRows(other);
            expectedDecisions = decisions(other);
            expectedMemberships = memberships(other);
        }

        offer(names.toArray(String[]::new));
        PipelineRun run = new PipelineRun(new JdbiPipelineTransactions(jdbi), configService(), Lexicon.EMPTY, null,
                new DeadLetterDirectory(deadLetters), RunCheckpoint.NONE, Clock.systemUTC(), 10, 2);
        List<RunSummary> runs = new ArrayList<>();
        for (var next = run.runOnce(); next.isPresent(); next = run.runOnce()) {
            runs.add(next.get());
        }

        assertThat(runs).extracting(r -> r.count("files_read_ahead"))
                .as("bwb_01 read in turn; broken_04 and emt_02 read during the first run; rkb_03 during the second")
                .containsExactly(0L, 2L, 1L);
        assertThat(runs).extracting(r -> r.count("files_failed")).containsExactly(0L, 1L, 0L);
        assertThat(Files.readAllBytes(deadLetters.resolve("broken_04.json"))).isEqualTo(fixture("broken_04.json"));
        assertThat(listingRows(jdbi)).isEqualTo(expectedListings);
        assertThat(decisions(jdbi)).isEqualTo(expectedDecisions);
        assertThat(memberships()).isEqualTo(expectedMemberships);
    }

    @Test
    void a_run_failing_midway_leaves_the_previous_state_and_its_batch_is_processed_next_time() {
        offer("bwb_01.json", "emt_02.json");
        worker().runOnce().orElseThrow();
        Map<String, Long> before = canonicalIdByListing();
        List<String> decisionsBefore = decisions(jdbi);

        offer("rkb_03.json");
        PipelineRun failing = worker(jdbi, persistence, step -> {
            if (step == RunCheckpoint.Step.MATCHED) {
                throw new IllegalStateException("simulated crash after matching");
            }
        });
        RunSummary failed = failing.runOnce().orElseThrow();

        assertThat(failed.completed()).isFalse();
        assertThat(failed.error()).contains("simulated crash");
        assertThat(canonicalIdByListing()).isEqualTo(before);
        assertThat(decisions(jdbi)).isEqualTo(decisionsBefore);
        assertThat(listingIds()).doesNotContain("rkb-umzug", "rkb-lauf");
        assertThat((String) jdbi.withHandle(h -> h.createQuery("SELECT status FROM file_ingestions WHERE filename = :f")
                .bind("f", "rkb_03.json").mapTo(String.class).one())).isEqualTo("pending");
        assertThat((String) jdbi.withHandle(h -> h.createQuery("SELECT status FROM pipeline_runs ORDER BY id DESC LIMIT 1")
                .mapTo(String.class).one())).isEqualTo("failed");

        RunSummary retried = worker().runOnce().orElseThrow();
        assertThat(retried.completed()).isTrue();
        assertThat(retried.count("files_completed")).isEqualTo(1);
        assertThat(listingIds()).contains("rkb-umzug", "rkb-lauf");
    }

    // ---- helpers

    private PipelineRun worker() {
        return worker(jdbi, persistence, RunCheckpoint.NONE);
    }

    private PipelineRun worker(Jdbi on, PersistenceModule module, RunCheckpoint checkpoint) {
        return new PipelineRun(new JdbiPipelineTransactions(on), configService(module), Lexicon.EMPTY, null,
                new DeadLetterDirectory(deadLetters), checkpoint, Clock.systemUTC());
    }

    private ConfigService configService() {
        return configService(persistence);
    }

    private static ConfigService configService(PersistenceModule module) {
        return new ConfigService(module.configRepository(), new ReversingSecretCipher(), null, null,
                Clock.systemUTC());
    }

    private void offer(String... names) {
        IngestionQueue queue = new JdbiIngestionQueue(jdbi);
        for (String name : names) {
            offer(queue, name);
        }
    }

    private static IngestionQueue.Offer offer(IngestionQueue queue, String name) {
        return queue.offer(name, InputFileParser.sourceCode(name), "test", null, fixture(name));
    }

    private static byte[] fixture(String name) {
        try (var in = PipelineRunIT.class.getResourceAsStream("/pipeline/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<List<String>> memberships() {
        return memberships(jdbi);
    }

    private static List<List<String>> memberships(Jdbi on) {
        return on.withHandle(h -> h.createQuery("""
                        SELECT string_agg(source_event_id, ',' ORDER BY source_event_id) AS m
                          FROM canonical_event_sources GROUP BY canonical_event_id ORDER BY m""")
                .mapTo(String.class).map(m -> List.of(m.split(","))).list());
    }

    private static List<String> decisions(Jdbi on) {
        return on.withHandle(h -> h.createQuery("""
                        SELECT a || ' ' || b || ' ' || decision || ' ' || tier || ' ' || combined_score
                          FROM match_decisions ORDER BY a, b""").mapTo(String.class).list());
    }

    private static List<String> listingRows(Jdbi on) {
        return on.withHandle(h -> h.createQuery("""
                        SELECT s.id || ' ' || s.ingestion_order || ' ' || f.filename || ' ' || s.keys_config
                               || ' ' || s.blocking_keys::text
                          FROM source_events s JOIN file_ingestions f ON f.id = s.file_ingestion_id
                         ORDER BY s.id""").mapTo(String.class).list());
    }

    private String decision(String a, String b) {
        return jdbi.withHandle(h -> h.createQuery("SELECT decision FROM match_decisions WHERE a = :a AND b = :b")
                .bind("a", a).bind("b", b).mapTo(String.class).findOne().orElse("none"));
    }

    private Map<String, Long> canonicalIdByListing() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT source_event_id, canonical_event_id FROM canonical_event_sources")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).list())
                .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Map<Long, String> updatedAt() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, updated_at::text FROM canonical_events")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2))).list())
                .stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private List<String> listingIds() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM source_events").mapTo(String.class).list());
    }

    private long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    private Map<String, Object> runRow() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT status, config_version, config_source FROM pipeline_runs ORDER BY id DESC LIMIT 1""")
                .mapToMap().one());
    }
}
