package org.eventdedup.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.InMemoryConfigRepository;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.port.LabelStore;
import org.eventdedup.worker.port.LabelStore.Verdict;
import org.eventdedup.worker.testing.InMemoryLabelStore;
import org.eventdedup.worker.testing.InMemoryPipelineStorage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Labels bind every run: incremental, label-only and full re-match, on in-memory fakes of the ports. */
class LabelledRunTest {

    private final InMemoryPipelineStorage storage = new InMemoryPipelineStorage();
    private final InMemoryLabelStore labels = new InMemoryLabelStore(storage, Clock.systemUTC());
    private final ConfigService configs = new ConfigService(new InMemoryConfigRepository(),
            new ReversingSecretCipher(), null, null, Clock.systemUTC());

    @BeforeEach
    void ingested() {
        offer("bwb_01.json", "emt_02.json");
        pipeline().runOnce().orElseThrow();
        assertThat(together("bwb-umzug", "emt-umzug")).as("the engine matches the two parades").isTrue();
        assertThat(together("bwb-konzert", "emt-flohmarkt")).isFalse();
    }

    @Test
    void a_label_change_alone_starts_a_run_that_applies_it_and_the_next_finds_nothing_to_do() {
        label("bwb-konzert", "emt-flohmarkt", Verdict.SAME);

        RunSummary run = pipeline().runOnce().orElseThrow();

        assertThat(run.mode()).isEqualTo("incremental");
        assertThat(run.count("label_changes")).isEqualTo(1);
        assertThat(run.count("files_claimed")).isZero();
        assertThat(together("bwb-konzert", "emt-flohmarkt")).isTrue();
        assertThat(pipeline().runOnce()).as("the revision was recorded").isEmpty();
    }

    @Test
    void a_different_label_splits_a_matched_pair_and_one_part_keeps_the_canonical_id() {
        long umzug = canonicalIdByListing().get("bwb-umzug");
        long konzert = canonicalIdByListing().get("bwb-konzert");

        label("bwb-umzug", "emt-umzug", Verdict.DIFFERENT);
        RunSummary run = pipeline().runOnce().orElseThrow();

        assertThat(together("bwb-umzug", "emt-umzug")).isFalse();
        assertThat(canonicalIdByListing().get("bwb-umzug")).isEqualTo(umzug);
        assertThat(canonicalIdByListing().get("bwb-konzert")).as("untouched").isEqualTo(konzert);
        assertThat(run.count("canonicals")).as("only the labelled component is re-synthesised").isEqualTo(2);
    }

    @Test
    void removing_a_label_lets_the_scores_decide_again() {
        label("bwb-umzug", "emt-umzug", Verdict.DIFFERENT);
        pipeline().runOnce().orElseThrow();

        labels.remove(IdPair.of("bwb-umzug", "emt-umzug"), audit());
        pipeline().runOnce().orElseThrow();

        assertThat(together("bwb-umzug", "emt-umzug")).isTrue();
    }

    @Test
    void labels_hold_when_new_files_arrive_in_an_incremental_run() {
        label("bwb-umzug", "emt-umzug", Verdict.DIFFERENT);
        label("bwb-konzert", "emt-flohmarkt", Verdict.SAME);

        offer("rkb_03.json");
        RunSummary run = pipeline().runOnce().orElseThrow();

        assertThat(run.count("files_completed")).isEqualTo(1);
        assertThat(together("bwb-umzug", "emt-umzug")).isFalse();
        assertThat(together("bwb-konzert", "emt-flohmarkt")).isTrue();
        assertThat(together("rkb-umzug", "bwb-umzug") || together("rkb-umzug", "emt-umzug"))
                .as("the new parade joins one of the two").isTrue();
    }

    @Test
    void labels_hold_through_the_full_rematch_after_a_config_change() {
        label("bwb-umzug", "emt-umzug", Verdict.DIFFERENT);
        label("bwb-konzert", "emt-flohmarkt", Verdict.SAME);
        pipeline().runOnce().orElseThrow();
        Map<String, Long> before = canonicalIdByListing();

        configs.update(new UpdateConfigCommand(Map.of("thresholds", Map.of("high", 0.76)), ApiKeyChange.KEEP,
                Precondition.NONE, "test"));
        configs.update(new UpdateConfigCommand(Map.of("cluster", Map.of("max_cluster_size", 14)), ApiKeyChange.KEEP,
                Precondition.NONE, "test"));
        RunSummary run = pipeline().runOnce().orElseThrow();

        assertThat(run.mode()).isEqualTo("full");
        assertThat(together("bwb-umzug", "emt-umzug")).isFalse();
        assertThat(together("bwb-konzert", "emt-flohmarkt")).isTrue();
        assertThat(canonicalIdByListing()).as("canonical ids stay stable").isEqualTo(before);
    }

    @Test
    void a_contradiction_is_a_run_warning_and_the_same_labels_win() {
        offer("rkb_03.json");
        pipeline().runOnce().orElseThrow();
        label("bwb-konzert", "emt-flohmarkt", Verdict.SAME);
        label("emt-flohmarkt", "rkb-lauf", Verdict.SAME);
        label("bwb-konzert", "rkb-lauf", Verdict.DIFFERENT);

        RunSummary run = pipeline().runOnce().orElseThrow();

        assertThat(together("bwb-konzert", "rkb-lauf")).isTrue();
        assertThat(together("bwb-konzert", "emt-flohmarkt")).isTrue();
        assertThat(run.warnings()).containsExactly("label_contradiction: bwb-konzert, emt-flohmarkt, rkb-lauf — "
                + "bwb-konzert = emt-flohmarkt, emt-flohmarkt = rkb-lauf, but bwb-konzert ≠ rkb-lauf:"
                + " the same labels win");
        assertThat(org.eventdedup.worker.query.WarningGroups.of(run.warnings()))
                .extracting(org.eventdedup.worker.query.WarningGroups.Group::kind)
                .containsExactly("label_contradiction");
    }

    // ---- helpers

    private PipelineRun pipeline() {
        return new PipelineRun(storage, configs, Lexicon.EMPTY, null, (name, path, content, error) -> { },
                labels, RunCheckpoint.NONE, Clock.systemUTC());
    }

    private void label(String x, String y, Verdict verdict) {
        labels.put(List.of(new LabelStore.NewLabel(IdPair.of(x, y), verdict, null)), "alice", audit());
    }

    private static AuditEntry audit() {
        return new AuditEntry("alice", "label.set", null, Map.of());
    }

    private boolean together(String x, String y) {
        Map<String, Long> ids = canonicalIdByListing();
        return ids.get(x).equals(ids.get(y));
    }

    private void offer(String... names) {
        for (String name : names) {
            storage.offer(name, InputFileParser.sourceCode(name), "test", null, fixture(name));
        }
    }

    private static byte[] fixture(String name) {
        try (var in = LabelledRunTest.class.getResourceAsStream("/pipeline/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Long> canonicalIdByListing() {
        Map<String, Long> ids = new TreeMap<>();
        storage.memberships().forEach((canonical, members) -> members.forEach(m -> ids.put(m, canonical)));
        return ids;
    }
}
