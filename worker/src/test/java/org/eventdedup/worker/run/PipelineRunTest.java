package org.eventdedup.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.ConfigProvider;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.InMemoryConfigRepository;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.canonical.CanonicalEvent;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.port.DeadLetters;
import org.eventdedup.worker.testing.InMemoryPipelineStorage;
import org.eventdedup.worker.testing.InMemoryPipelineStorage.CanonicalRow;
import org.eventdedup.worker.testing.InMemoryPipelineStorage.DecisionRow;
import org.eventdedup.worker.testing.InMemoryPipelineStorage.FileRow;
import org.eventdedup.worker.testing.InMemoryPipelineStorage.RunRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run policy on in-memory fakes of the worker's ports: what is incremental, when everything is matched again,
 * how canonical ids stay stable, and that a run failing anywhere leaves nothing behind. The same behaviour on
 * PostgreSQL is {@code PipelineRunIT}'s; the fake keeps the adapter's contract ({@code PipelineStoreContract}).
 */
class PipelineRunTest {

    private final InMemoryPipelineStorage storage = new InMemoryPipelineStorage();
    private final ConfigService configs = new ConfigService(new InMemoryConfigRepository(),
            new ReversingSecretCipher(), null, null, Clock.systemUTC());
    private final List<String> deadLetters = new ArrayList<>();
    private final DeadLetters deadLetterFolder = (name, path, content, error) -> deadLetters.add(name);

    @Test
    void queued_files_become_listings_decisions_and_canonical_events() {
        offer("bwb_01.json", "emt_02.json");

        RunSummary run = pipeline().runOnce().orElseThrow();

        assertThat(run.completed()).isTrue();
        assertThat(run.mode()).isEqualTo("incremental");
        assertThat(run.count("files_completed")).isEqualTo(2);
        assertThat(run.count("ingested")).isEqualTo(4);
        assertThat(storage.memberships().values()).containsExactlyInAnyOrder(
                List.of("bwb-konzert"), List.of("bwb-umzug", "emt-umzug"), List.of("emt-flohmarkt"));
        assertThat(decision("bwb-umzug", "emt-umzug")).isEqualTo(Decision.MATCH);
        assertThat(storage.files()).extracting(FileRow::status).containsOnly("completed");
        RunRow row = storage.runs().get(0);
        assertThat(row.status()).isEqualTo("completed");
        assertThat(row.configVersion()).isZero();
        assertThat(row.configSource()).isEqualTo("defaults");
        assertThat(row.counts()).containsEntry("canonicals_created", 3L);
        assertThat(row.finishedAt()).isNotNull();
    }

    @Test
    void with_nothing_queued_and_the_same_config_a_run_does_nothing_and_records_nothing() {
        assertThat(pipeline().runOnce()).as("empty storage").isEmpty();
        offer("bwb_01.json");
        pipeline().runOnce().orElseThrow();

        assertThat(pipeline().runOnce()).isEmpty();
        assertThat(storage.runs()).hasSize(1);
    }

    @Test
    void an_incremental_run_touches_only_the_affected_components_and_keeps_canonical_ids() {
        offer("bwb_01.json", "emt_02.json");
        pipeline().runOnce().orElseThrow();
        Map<String, Long> before = canonicalIdByListing();

        offer("rkb_03.json");
        RunSummary run = pipeline().runOnce().orElseThrow();

        assertThat(run.mode()).isEqualTo("incremental");
        assertThat(run.count("listings_matched")).as("only the new listings are scored").isEqualTo(2);
        assertThat(run.count("canonicals")).as("the grown cluster and the new singleton").isEqualTo(2);
        Map<String, Long> after = canonicalIdByListing();
        assertThat(after.get("rkb-umzug")).as("a grown cluster keeps its id").isEqualTo(before.get("bwb-umzug"));
        assertThat(version(before.get("bwb-umzug"))).isEqualTo(2);
        for (String untouched : List.of("bwb-konzert", "emt-flohmarkt")) {
            assertThat(after.get(untouched)).isEqualTo(before.get(untouched));
            assertThat(version(before.get(untouched))).as("%s not rewritten", untouched).isEqualTo(1);
        }
    }

    @Test
    void a_new_config_version_makes_the_next_run_rematch_everything_once() {
        offer("bwb_01.json", "emt_02.json");
        pipeline().runOnce().orElseThrow();
        long umzug = canonicalIdByListing().get("bwb-umzug");

        configs.update(new UpdateConfigCommand(Map.of("thresholds", Map.of("high", 0.999)), ApiKeyChange.KEEP,
                Precondition.NONE, "test"));
        RunSummary run = pipeline().runOnce().orElseThrow();

        assertThat(run.mode()).isEqualTo("full");
        assertThat(run.configVersion()).isEqualTo(1L);
        assertThat(run.count("listings_matched")).isEqualTo(4);
        assertThat(storage.analyses()).as("a small run leaves the statistics, a re-match refreshes them")
                .isEqualTo(1);
        assertThat(run.count("files_claimed")).as("a re-match needs no new file").isZero();
        assertThat(decision("bwb-umzug", "emt-umzug")).isNotEqualTo(Decision.MATCH);
        assertThat(storage.decisions()).filteredOn(r -> r.decision().a().equals("bwb-umzug"))
                .filteredOn(r -> r.decision().b().equals("emt-umzug")).singleElement()
                .extracting(DecisionRow::configVersion).as("a changed decision carries the new version").isEqualTo(1L);
        assertThat(run.count("decisions_written")).as("only changed decisions are written")
                .isPositive().isLessThanOrEqualTo(run.count("pairs"));
        assertThat(storage.memberships().values()).contains(List.of("bwb-umzug"), List.of("emt-umzug"));
        assertThat(canonicalIdByListing().get("bwb-umzug")).as("a split keeps the id on one part").isEqualTo(umzug);
        assertThat(pipeline().runOnce()).as("the next run sees the same config again").isEmpty();
    }

    static Stream<Arguments> configChanges() {
        return Stream.of(
                Arguments.of("decisions change, clustering settings stay", Map.of("thresholds", Map.of("high", 0.6))),
                Arguments.of("blocking changes: every listing keyed again",
                        Map.of("blocking", Map.of("geo_grid_lat_deg", 0.31, "max_range_days", 2))),
                Arguments.of("clustering changes: every component again",
                        Map.of("cluster", Map.of("max_cluster_size", 2))),
                Arguments.of("nothing a decision or an event reads", Map.of("ai", Map.of("max_output_tokens", 999))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configChanges")
    void a_full_rematch_ends_exactly_where_a_first_run_under_the_new_config_does(String name,
                                                                                  Map<String, Object> change) {
        List<byte[]> files = SyntheticFiles.make(7, 3, 45);
        for (int i = 0; i < files.size(); i++) {
            storage.offer("s" + i + "_2026-01-0" + (i + 1) + ".json", "s" + i, "test", null, files.get(i));
        }
        pipeline().runOnce().orElseThrow();
        Map<List<String>, Long> versionsBefore = eventVersions(storage);
        configs.update(new UpdateConfigCommand(change, ApiKeyChange.KEEP, Precondition.NONE, "test"));
        RunSummary rematch = pipeline().runOnce().orElseThrow();

        InMemoryPipelineStorage fresh = new InMemoryPipelineStorage();
        ConfigService freshConfigs = new ConfigService(new InMemoryConfigRepository(), new ReversingSecretCipher(),
                null, null, Clock.systemUTC());
        freshConfigs.update(new UpdateConfigCommand(change, ApiKeyChange.KEEP, Precondition.NONE, "test"));
        for (int i = 0; i < files.size(); i++) {
            fresh.offer("s" + i + "_2026-01-0" + (i + 1) + ".json", "s" + i, "test", null, files.get(i));
        }
        new PipelineRun(fresh, freshConfigs, Lexicon.EMPTY, null, deadLetterFolder, RunCheckpoint.NONE,
                Clock.systemUTC()).runOnce().orElseThrow();

        assertThat(rematch.mode()).isEqualTo("full");
        assertThat(outcomes(storage)).as("decisions").isEqualTo(outcomes(fresh));
        assertThat(events(storage)).as("canonical events by members").isEqualTo(events(fresh));
        assertThat(outcomes(storage)).as("the data has matches and non-matches")
                .containsValues(Decision.MATCH.name(), Decision.NO_MATCH.name());
        if (change.containsKey("blocking")) {
            assertThat(rematch.count("listings_rekeyed")).isEqualTo(storage.listings().size());
        } else {
            assertThat(rematch.count("listings_rekeyed")).isZero();
        }
        if (change.containsKey("ai")) {
            assertThat(rematch.count("decisions_written") + rematch.count("decisions_deleted")
                    + rematch.count("canonicals_created") + rematch.count("canonicals_updated")
                    + rematch.count("canonicals_deleted")).as("nothing changed, nothing written").isZero();
            assertThat(eventVersions(storage)).isEqualTo(versionsBefore);
            assertThat(storage.analyses()).as("nothing changed, statistics stay").isZero();
        } else if (change.containsKey("cluster")) {
            assertThat(rematch.count("decisions_written")).as("no decision changed").isZero();
            assertThat(rematch.count("canonicals_created") + rematch.count("canonicals_updated")
                    + rematch.count("canonicals_deleted")).as("clusters of three split").isPositive();
        } else {
            assertThat(rematch.count("decisions_written") + rematch.count("decisions_deleted")).isPositive();
        }
    }

    @Test
    void a_run_stops_taking_files_at_its_listing_limit_and_the_next_run_takes_the_rest() {
        List<byte[]> files = SyntheticFiles.make(5, 3, 45);
        for (int i = 0; i < files.size(); i++) {
            storage.offer("s" + i + "_2026-01-0" + (i + 1) + ".json", "s" + i, "test", null, files.get(i));
        }
        PipelineRun limited = new PipelineRun(storage, configs, Lexicon.EMPTY, null, deadLetterFolder,
                RunCheckpoint.NONE, Clock.systemUTC(), 200, 50);

        RunSummary first = limited.runOnce().orElseThrow();
        assertThat(first.count("files_claimed")).as("45 listings, then a file that passes 50, then none")
                .isEqualTo(2);
        assertThat(storage.files()).filteredOn(f -> f.status().equals("pending")).hasSize(1);
        RunSummary second = limited.runOnce().orElseThrow();
        assertThat(second.count("files_claimed")).isEqualTo(1);
        assertThat(limited.runOnce()).isEmpty();

        InMemoryPipelineStorage oneRun = new InMemoryPipelineStorage();
        for (int i = 0; i < files.size(); i++) {
            oneRun.offer("s" + i + "_2026-01-0" + (i + 1) + ".json", "s" + i, "test", null, files.get(i));
        }
        new PipelineRun(oneRun, configs, Lexicon.EMPTY, null, deadLetterFolder, RunCheckpoint.NONE,
                Clock.systemUTC()).runOnce().orElseThrow();
        assertThat(outcomes(storage)).isEqualTo(outcomes(oneRun));
        assertThat(events(storage)).isEqualTo(events(oneRun));
    }

    /** Every decision's outcome by pair, text that compares signals and score exactly. */
    private static Map<String, String> outcomes(InMemoryPipelineStorage s) {
        Map<String, String> all = new TreeMap<>();
        for (DecisionRow r : s.decisions()) {
            var d = r.decision();
            all.put(d.a() + "|" + d.b() + " " + d.signals() + " " + d.score(), d.decision().name());
        }
        return all;
    }

    private static Map<List<String>, CanonicalEvent> events(InMemoryPipelineStorage s) {
        Map<Long, CanonicalEvent> byId = new HashMap<>();
        s.canonicals().forEach(c -> byId.put(c.id(), c.event()));
        Map<List<String>, CanonicalEvent> all = new HashMap<>();
        s.memberships().forEach((id, members) -> all.put(List.copyOf(members), byId.get(id)));
        return all;
    }

    private static Map<List<String>, Long> eventVersions(InMemoryPipelineStorage s) {
        Map<Long, Long> byId = new HashMap<>();
        s.canonicals().forEach(c -> byId.put(c.id(), c.version()));
        Map<List<String>, Long> all = new HashMap<>();
        s.memberships().forEach((id, members) -> all.put(List.copyOf(members), byId.get(id)));
        return all;
    }

    @Test
    void a_config_with_the_same_version_but_other_content_also_rematches() {
        offer("bwb_01.json");
        pipeline().runOnce().orElseThrow();
        ConfigProvider sameVersionOtherContent = () -> {
            var effective = configs.load();
            return new org.eventdedup.config.domain.port.in.EffectiveConfig(
                    effective.config().withAi(effective.config().ai().withEnabled(true)), effective.apiKey(),
                    effective.version(), effective.source(), effective.warnings());
        };

        RunSummary run = pipeline(sameVersionOtherContent, RunCheckpoint.NONE).runOnce().orElseThrow();

        assertThat(run.mode()).isEqualTo("full");
        assertThat(run.configVersion()).isZero();
    }

    @ParameterizedTest(name = "failing at {0}")
    @EnumSource(RunCheckpoint.Step.class)
    void a_run_failing_at_any_step_leaves_the_previous_state_and_its_files_queued(RunCheckpoint.Step where) {
        offer("bwb_01.json", "emt_02.json");
        pipeline().runOnce().orElseThrow();
        Map<String, Long> before = canonicalIdByListing();
        List<DecisionRow> decisionsBefore = storage.decisions();

        offer("rkb_03.json");
        RunSummary failed = pipeline(configs, step -> {
            if (step == where) {
                throw new IllegalStateException("simulated crash at " + step);
            }
        }).runOnce().orElseThrow();

        assertThat(failed.completed()).isFalse();
        assertThat(failed.error()).contains("simulated crash at " + where);
        assertThat(canonicalIdByListing()).isEqualTo(before);
        assertThat(storage.decisions()).isEqualTo(decisionsBefore);
        assertThat(storage.listings()).doesNotContainKeys("rkb-umzug", "rkb-lauf");
        assertThat(storage.files()).filteredOn(f -> f.filename().equals("rkb_03.json")).extracting(FileRow::status)
                .containsExactly("pending");
        assertThat(storage.runs()).extracting(RunRow::status).containsExactly("completed", "failed");

        RunSummary retried = pipeline().runOnce().orElseThrow();
        assertThat(retried.completed()).isTrue();
        assertThat(retried.count("files_completed")).isEqualTo(1);
        assertThat(storage.listings()).containsKeys("rkb-umzug", "rkb-lauf");
    }

    @Test
    void a_run_is_shown_running_from_its_start_and_one_left_running_by_a_dead_process_is_marked_interrupted() {
        offer("bwb_01.json");
        List<String> seen = new ArrayList<>();
        PipelineRun watched = pipeline(configs, step -> {
            if (step == RunCheckpoint.Step.INGESTED) {
                seen.add(storage.runs().get(storage.runs().size() - 1).status());
            }
        });
        watched.runOnce().orElseThrow();
        assertThat(seen).containsExactly("running");
        assertThat(storage.runs()).extracting(RunRow::status).containsExactly("completed");

        // a process that died mid-run leaves its row running; its files stay queued
        long dead = storage.inTransaction(s -> s.insertRun(java.time.Instant.now(), "incremental", 0, "defaults",
                "x", "y"));
        offer("emt_02.json");
        RunSummary next = pipeline().runOnce().orElseThrow();

        assertThat(next.completed()).isTrue();
        RunRow interrupted = storage.runs().stream().filter(r -> r.id() == dead).findFirst().orElseThrow();
        assertThat(interrupted.status()).isEqualTo("interrupted");
        assertThat(interrupted.finishedAt()).isNotNull();
        assertThat(interrupted.error()).contains("its process stopped or lost the database");
    }

    @Test
    void a_config_that_cannot_be_loaded_is_a_failed_run_and_touches_nothing() {
        offer("bwb_01.json");
        ConfigProvider broken = () -> {
            throw new IllegalStateException("config table unreadable");
        };

        RunSummary run = pipeline(broken, RunCheckpoint.NONE).runOnce().orElseThrow();

        assertThat(run.completed()).isFalse();
        assertThat(run.error()).isEqualTo("the config could not be loaded: config table unreadable");
        assertThat(storage.runs()).singleElement().extracting(RunRow::status).isEqualTo("failed");
        assertThat(storage.files()).extracting(FileRow::status).containsExactly("pending");
        assertThat(storage.listings()).isEmpty();
    }

    @Test
    void a_bad_file_goes_to_dead_letters_and_the_rest_of_the_batch_goes_on() {
        offer("broken_04.json", "bwb_01.json");

        RunSummary run = pipeline().runOnce().orElseThrow();

        assertThat(run.completed()).isTrue();
        assertThat(run.count("files_failed")).isEqualTo(1);
        assertThat(run.count("files_completed")).isEqualTo(1);
        assertThat(deadLetters).containsExactly("broken_04.json");
        assertThat(run.warnings()).anySatisfy(w -> assertThat(w).startsWith("broken_04.json rejected to dead letters"));
        FileRow broken = storage.files().stream().filter(f -> f.filename().equals("broken_04.json")).findFirst()
                .orElseThrow();
        assertThat(broken.status()).isEqualTo("failed");
        assertThat(broken.error()).contains("/events/0/title", "/events/1/id");
        assertThat(storage.listings()).containsOnlyKeys("bwb-konzert", "bwb-umzug");
    }

    @Test
    void a_redelivered_listing_keeps_its_first_ingestion_order_and_only_a_changed_one_is_matched_again() {
        offer("bwb_01.json", "emt_02.json");
        pipeline().runOnce().orElseThrow();
        long order = storage.listings().get("emt-umzug").stored().listing().ingestionOrder();

        storage.offer("emt_05.json", "emt", "test", null, redelivered());
        RunSummary run = pipeline().runOnce().orElseThrow();

        assertThat(run.count("ingested")).isEqualTo(2);
        assertThat(run.count("listings_matched")).as("the unchanged listing is not matched again").isEqualTo(1);
        assertThat(storage.listings().get("emt-umzug").stored().listing().ingestionOrder()).isEqualTo(order);
        assertThat(storage.listings().get("emt-umzug").stored().listing().title()).endsWith("(neu)");
    }

    // ---- helpers

    private PipelineRun pipeline() {
        return pipeline(configs, RunCheckpoint.NONE);
    }

    private PipelineRun pipeline(ConfigProvider provider, RunCheckpoint checkpoint) {
        return new PipelineRun(storage, provider, Lexicon.EMPTY, null, deadLetterFolder, checkpoint,
                Clock.systemUTC());
    }

    private void offer(String... names) {
        for (String name : names) {
            storage.offer(name, InputFileParser.sourceCode(name), "test", null, fixture(name));
        }
    }

    /** emt_02.json again with the first listing's title changed: one changed, one unchanged listing. */
    private static byte[] redelivered() {
        String text = new String(fixture("emt_02.json"), java.nio.charset.StandardCharsets.UTF_8);
        int title = text.indexOf("\"title\": \"") + "\"title\": \"".length();
        int end = text.indexOf('"', title);
        return (text.substring(0, end) + " (neu)" + text.substring(end))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] fixture(String name) {
        try (var in = PipelineRunTest.class.getResourceAsStream("/pipeline/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Decision decision(String a, String b) {
        return storage.decisions().stream().map(DecisionRow::decision)
                .filter(d -> d.a().equals(a) && d.b().equals(b)).findFirst()
                .map(org.eventdedup.matching.model.PairDecision::decision).orElse(null);
    }

    private Map<String, Long> canonicalIdByListing() {
        Map<String, Long> ids = new TreeMap<>();
        storage.memberships().forEach((canonical, members) -> members.forEach(m -> ids.put(m, canonical)));
        return ids;
    }

    private long version(long canonicalId) {
        return storage.canonicals().stream().filter(c -> c.id() == canonicalId).findFirst()
                .map(CanonicalRow::version).orElseThrow();
    }
}
