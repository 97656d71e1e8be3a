package org.eventdedup.worker.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.eventdedup.worker.adapter.persistence.JdbiLabelStore;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.port.LabelStore;
import org.eventdedup.worker.port.LabelStore.Verdict;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance on PostgreSQL: labels bind the incremental run they wake, and the full re-match after a config change;
 * a contradiction is reported on the run; canonical ids stay stable. With the shared sample present, 200 ambiguous
 * pairs labelled from its truth.json all hold after a full re-match.
 */
@ExtendWith(FreshDatabaseExtension.class)
class LabelsBindRunsIT {

    private static final Path SAMPLE = Path.of("..", "..", "shared", "data", "sample");

    private final Jdbi jdbi;
    private final ConfigService configs;
    private final JdbiLabelStore labels;
    @TempDir
    Path deadLetters;

    LabelsBindRunsIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
        this.configs = new ConfigService(persistence.configRepository(), new ReversingSecretCipher(), null, null,
                Clock.systemUTC());
        this.labels = new JdbiLabelStore(jdbi, Clock.systemUTC());
    }

    @BeforeEach
    void empty_tables() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, match_decisions, canonical_events,"
                + " canonical_event_sources, pipeline_runs, pair_labels, label_changes, audit_log, config_settings,"
                + " config_history RESTART IDENTITY CASCADE"));
    }

    @Test
    void every_verdict_holds_through_the_label_run_and_the_full_rematch_and_contradictions_are_reported() {
        offer("bwb_01.json", "emt_02.json", "rkb_03.json");
        run();
        assertThat(decision("bwb-umzug", "emt-umzug")).isEqualTo("match");
        assertThat(decision("bwb-konzert", "emt-flohmarkt")).as("never compared").isEqualTo("none");

        label("emt-umzug", "bwb-umzug", Verdict.DIFFERENT);
        label("bwb-konzert", "emt-flohmarkt", Verdict.SAME);
        label("emt-flohmarkt", "rkb-lauf", Verdict.SAME);
        label("bwb-konzert", "rkb-lauf", Verdict.DIFFERENT); // contradicts the two same labels
        RunSummary labelRun = run();

        assertThat(labelRun.mode()).isEqualTo("incremental");
        assertThat(labelRun.count("files_claimed")).isZero();
        assertVerdictsHold();
        assertThat(labelRun.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("label_contradiction: bwb-konzert, emt-flohmarkt, rkb-lauf"));
        assertThat(runColumn(labelRun.runId(), "label_revision")).isEqualTo("4");
        assertThat(new PipelineRun(new JdbiPipelineTransactions(jdbi), configs, Lexicon.EMPTY, null,
                new DeadLetterDirectory(deadLetters), labels, RunCheckpoint.NONE, Clock.systemUTC()).runOnce())
                .as("applied: nothing left to do").isEmpty();
        Map<String, Long> before = canonicalIdByListing();

        configs.update(new UpdateConfigCommand(Map.of("thresholds", Map.of("high", 0.76),
                "cluster", Map.of("max_cluster_size", 14)), ApiKeyChange.KEEP, Precondition.NONE, "test"));
        RunSummary full = run();

        assertThat(full.mode()).isEqualTo("full");
        assertVerdictsHold();
        assertThat(full.warnings()).anySatisfy(w -> assertThat(w).startsWith("label_contradiction: "));
        assertThat(runColumn(full.runId(), "warnings")).contains("label_contradiction");
        assertThat(canonicalIdByListing()).as("canonical ids stay stable").isEqualTo(before);
    }

    private void assertVerdictsHold() {
        assertThat(together("bwb-umzug", "emt-umzug")).as("different").isFalse();
        assertThat(together("bwb-konzert", "emt-flohmarkt")).as("same").isTrue();
        assertThat(together("emt-flohmarkt", "rkb-lauf")).as("same").isTrue();
        assertThat(together("bwb-konzert", "rkb-lauf")).as("the same labels win the contradiction").isTrue();
    }

    @Test
    void two_hundred_ambiguous_pairs_of_the_shared_sample_labelled_from_its_truth_hold_after_a_full_rematch()
            throws IOException {
        assumeTrue(Files.isDirectory(SAMPLE.resolve("input")), "the shared sample is not here");
        IngestionQueue queue = new JdbiIngestionQueue(jdbi);
        try (Stream<Path> files = Files.list(SAMPLE.resolve("input"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString();
                queue.offer(name, InputFileParser.sourceCode(name), "test", null, Files.readAllBytes(file));
            }
        }
        long t = System.nanoTime();
        while (pipeline().runOnce().isPresent()) {
            // until every file is in
        }
        long ingestMs = (System.nanoTime() - t) / 1_000_000;
        GroundTruth truth = GroundTruth.fromTree(new ObjectMapper().readValue(SAMPLE.resolve("truth.json").toFile(),
                Object.class));
        List<IdPair> ambiguous = jdbi.withHandle(h -> h.createQuery(
                        "SELECT a, b FROM match_decisions WHERE decision = 'ambiguous' ORDER BY md5(a || b)")
                .map((rs, ctx) -> new IdPair(rs.getString(1), rs.getString(2))).list());
        List<LabelStore.NewLabel> chosen = new ArrayList<>();
        for (IdPair pair : ambiguous) {
            Boolean same = truth.label(pair);
            if (same != null && chosen.size() < 200) {
                chosen.add(new LabelStore.NewLabel(pair, same ? Verdict.SAME : Verdict.DIFFERENT, null));
            }
        }
        assertThat(chosen).hasSize(200);
        labels.put(chosen, "it", new AuditEntry("it", "label.set", null, Map.of()));
        t = System.nanoTime();
        RunSummary labelRun = pipeline().runOnce().orElseThrow();
        long labelRunMs = (System.nanoTime() - t) / 1_000_000;
        int heldAfterLabelRun = held(chosen);

        configs.update(new UpdateConfigCommand(Map.of("thresholds", Map.of("high", 0.74)), ApiKeyChange.KEEP,
                Precondition.NONE, "test"));
        t = System.nanoTime();
        RunSummary full = pipeline().runOnce().orElseThrow();
        long fullMs = (System.nanoTime() - t) / 1_000_000;
        int heldAfterFull = held(chosen);
        long same = chosen.stream().filter(l -> l.verdict() == Verdict.SAME).count();
        System.out.printf("LabelsBindRunsIT sample: %d listings ingested in %d ms; %d ambiguous pairs, 200 labelled"
                        + " (%d same, %d different); label run %d ms (%s): %d/200 hold; full re-match %d ms: %d/200"
                        + " hold; contradictions %d%n",
                jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM source_events").mapTo(Long.class).one()),
                ingestMs, ambiguous.size(), same, 200 - same, labelRunMs, labelRun.mode(), heldAfterLabelRun,
                fullMs, heldAfterFull, full.warnings().stream().filter(w -> w.startsWith("label_contradiction"))
                        .count());
        assertThat(full.mode()).isEqualTo("full");
        assertThat(heldAfterLabelRun).isEqualTo(200);
        assertThat(heldAfterFull).isEqualTo(200);
    }

    // ---- helpers

    private int held(List<LabelStore.NewLabel> chosen) {
        Map<String, Long> ids = canonicalIdByListing();
        int held = 0;
        for (LabelStore.NewLabel label : chosen) {
            boolean together = ids.get(label.pair().a()).equals(ids.get(label.pair().b()));
            if (together == (label.verdict() == Verdict.SAME)) {
                held++;
            }
        }
        return held;
    }

    private PipelineRun pipeline() {
        return new PipelineRun(new JdbiPipelineTransactions(jdbi), configs, Lexicon.EMPTY, null,
                new DeadLetterDirectory(deadLetters), labels, RunCheckpoint.NONE, Clock.systemUTC());
    }

    private RunSummary run() {
        RunSummary run = pipeline().runOnce().orElseThrow();
        assertThat(run.completed()).as(String.valueOf(run.error())).isTrue();
        return run;
    }

    private void label(String x, String y, Verdict verdict) {
        labels.put(List.of(new LabelStore.NewLabel(IdPair.of(x, y), verdict, null)), "alice",
                new AuditEntry("alice", "label.set", null, Map.of()));
    }

    private boolean together(String x, String y) {
        Map<String, Long> ids = canonicalIdByListing();
        return ids.get(x).equals(ids.get(y));
    }

    private Map<String, Long> canonicalIdByListing() {
        Map<String, Long> ids = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT source_event_id, canonical_event_id FROM canonical_event_sources")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> ids.put(e.getKey(),
                        e.getValue())));
        return ids;
    }

    private String decision(String a, String b) {
        return jdbi.withHandle(h -> h.createQuery("SELECT decision FROM match_decisions WHERE a = :a AND b = :b")
                .bind("a", a).bind("b", b).mapTo(String.class).findOne().orElse("none"));
    }

    private String runColumn(long runId, String column) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + column + "::text FROM pipeline_runs WHERE id = :id")
                .bind("id", runId).mapTo(String.class).one());
    }

    private void offer(String... names) {
        IngestionQueue queue = new JdbiIngestionQueue(jdbi);
        for (String name : names) {
            queue.offer(name, InputFileParser.sourceCode(name), "test", null, fixture(name));
        }
    }

    private static byte[] fixture(String name) {
        try (var in = LabelsBindRunsIT.class.getResourceAsStream("/pipeline/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
