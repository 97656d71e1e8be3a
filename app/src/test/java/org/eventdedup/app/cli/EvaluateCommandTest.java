package org.eventdedup.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.evaluation.PairMetrics;
import org.eventdedup.offline.TruthFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The team's shared sample, beside the checkout (tests run in the module directory). */
    private static final Path SAMPLE = Path.of("..", "..", "shared", "data", "sample");

    @TempDir
    Path temp;

    private static String input() {
        return CliRun.fixture("input").toString();
    }

    private static String truth() {
        return CliRun.fixture("truth.json").toString();
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    /*
     * The fixture, by hand (built-in config, no lexicon):
     *   true pairs (entities, plus the same a4-b5 listed reversed under "pairs"): a1-b1, a2-b2, a4-b5, c1-c2, c1-c3,
     *   c2-c3 = 6.
     *   match decisions: a1-b1, a2-b2, a3-b4 (identical listings the truth calls different), c1-c2, c2-c3; c1-c3 is
     *   ambiguous (date 1/3, 5 km apart: 0.675); a4 and b5 never share a block (other day, other town).
     *   pairs:    tp 4, fp 1 (a3-b4), fn 2 (a4-b5, c1-c3)  -> P 0.8, R 4/6, F1 8/11
     *   clusters: {a1,b1} {a2,b2} {a3,b4} {c1,c2,c3}: 6 pairs, tp 5, fp 1, fn 1 (a4-b5) -> P = R = F1 = 5/6
     *   decisions: 10 pairs = 5 match, 1 ambiguous, 4 no_match (the cross pairs of the Emmendingen block)
     */
    @Test
    void json_gives_pair_and_cluster_metrics_and_decision_counts_as_computed_by_hand() throws IOException {
        CliRun run = CliRun.evaluate("--input", input(), "--truth", truth(), "--json");

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode root = JSON.readTree(run.stdout());
        assertThat(keys(root)).containsExactly("pairs", "clusters", "decisions");
        assertThat(keys(root.get("pairs"))).containsExactly("precision", "recall", "f1", "tp", "fp", "fn");
        assertThat(keys(root.get("clusters"))).containsExactly("precision", "recall", "f1", "tp", "fp", "fn");
        assertThat(keys(root.get("decisions"))).containsExactly("match", "ambiguous", "no_match");

        JsonNode pairs = root.get("pairs");
        assertThat(pairs.get("tp").asInt()).isEqualTo(4);
        assertThat(pairs.get("fp").asInt()).isEqualTo(1);
        assertThat(pairs.get("fn").asInt()).isEqualTo(2);
        assertThat(pairs.get("precision").asDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(pairs.get("recall").asDouble()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(pairs.get("f1").asDouble()).isCloseTo(8.0 / 11, within(1e-12));

        JsonNode clusters = root.get("clusters");
        assertThat(clusters.get("tp").asInt()).isEqualTo(5);
        assertThat(clusters.get("fp").asInt()).isEqualTo(1);
        assertThat(clusters.get("fn").asInt()).isEqualTo(1);
        assertThat(clusters.get("precision").asDouble()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(clusters.get("recall").asDouble()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(clusters.get("f1").asDouble()).isCloseTo(5.0 / 6, within(1e-12));

        assertThat(root.get("decisions").toString()).isEqualTo("{\"match\":5,\"ambiguous\":1,\"no_match\":4}");
    }

    @Test
    void text_mode_prints_a_small_table() {
        CliRun run = CliRun.evaluate("--input", input(), "--truth", truth());

        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(run.out()).contains("11 listings from 3 files, 6 true pairs")
                .containsPattern("pairs\\s+0\\.8000\\s+0\\.6667\\s+0\\.7273\\s+4\\s+1\\s+2")
                .containsPattern("clusters\\s+0\\.8333\\s+0\\.8333\\s+0\\.8333\\s+5\\s+1\\s+1")
                .contains("decisions: 5 match, 1 ambiguous, 4 no_match (10 pairs)")
                .contains("flagged clusters included");
    }

    @Test
    void true_pairs_are_the_union_of_listed_pairs_and_pairs_within_entities() throws IOException {
        Path file = temp.resolve("truth.json");
        Files.writeString(file, "{\"entities\": {\"E1\": [\"a\", \"b\", \"c\"], \"E2\": [\"d\"]},"
                + " \"pairs\": [[\"b\", \"a\"], [\"d\", \"e\"]], \"seed\": 1}");

        GroundTruth truth = TruthFile.read("evaluate", file);

        assertThat(truth.pairs()).containsExactlyInAnyOrder(IdPair.of("a", "b"), IdPair.of("a", "c"),
                IdPair.of("b", "c"), IdPair.of("d", "e"));
        assertThat(truth.pairsOutsideEntities()).isEqualTo(1);
        assertThat(truth.restrictedTo(Set.of("a", "b", "d"))).containsExactly(IdPair.of("a", "b"));
    }

    @Test
    void true_pairs_of_listings_missing_from_the_input_are_left_out_with_a_note() {
        CliRun run = CliRun.evaluate("--input", CliRun.fixture("input/a_2026-03.json").toString(),
                CliRun.fixture("input/b_2026-03.json").toString(), "--truth", truth(), "--json");

        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("note: 3 of 6 true pairs name listings that are not in the input");
    }

    @Test
    void metrics_are_zero_when_nothing_is_predicted_or_true() { // M3
        PairMetrics none = PairMetrics.of(Set.of(), Set.of(IdPair.of("a", "b")));
        assertThat(none).isEqualTo(new PairMetrics(0.0, 0.0, 0.0, 0, 0, 1));
        PairMetrics empty = PairMetrics.of(Set.of(IdPair.of("a", "b")), Set.of());
        assertThat(empty).isEqualTo(new PairMetrics(0.0, 0.0, 0.0, 0, 1, 0));
    }

    @Test
    void spec_metric_example_m1_and_reversed_pairs_m2() {
        Set<IdPair> same = Set.of(IdPair.of("a", "b"), IdPair.of("c", "d"), IdPair.of("e", "f"), IdPair.of("g", "h"),
                IdPair.of("i", "j"));
        Set<IdPair> predicted = Set.of(IdPair.of("b", "a"), IdPair.of("c", "d"), IdPair.of("e", "f"),
                IdPair.of("k", "l"));

        PairMetrics m = PairMetrics.of(predicted, same);

        // B §14 M1 (TP 3, FN 2, P 0.75, R 0.6); "kl" is labelled different there, and any unlisted pair is here
        assertThat(m.tp()).isEqualTo(3);
        assertThat(m.fp()).isEqualTo(1);
        assertThat(m.fn()).isEqualTo(2);
        assertThat(m.precision()).isEqualTo(0.75);
        assertThat(m.recall()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void evaluates_the_shared_sample_with_sane_figures() throws IOException {
        assumeThat(Files.isDirectory(SAMPLE.resolve("input")) && Files.isRegularFile(SAMPLE.resolve("truth.json")))
                .as("the shared sample data set is present").isTrue();
        Path lexicon = Path.of("..", "config");
        assumeThat(Files.isDirectory(lexicon)).as("run from the app module").isTrue();

        CliRun run = CliRun.evaluate(Map.of(MatchSetup.CONFIG_PATH_VARIABLE, lexicon.resolve("matching.yaml")
                        .toString()), "--input", SAMPLE.resolve("input").toString(),
                "--truth", SAMPLE.resolve("truth.json").toString(), "--lexicon", lexicon.toString(), "--json");

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode root = JSON.readTree(run.stdout());
        assertThat(root.get("pairs").get("precision").asDouble()).isGreaterThan(0.9);
        assertThat(root.get("pairs").get("f1").asDouble()).isGreaterThan(0.5);
        assertThat(root.get("clusters").get("f1").asDouble()).isGreaterThan(0.6);
        assertThat(root.get("clusters").get("recall").asDouble())
                .isGreaterThanOrEqualTo(root.get("pairs").get("recall").asDouble());
    }

    // --- exit 2 -------------------------------------------------------------------------------------------------

    @Test
    void truth_is_required_and_must_exist() {
        CliRun.evaluate("--input", input()).failedWithUsage("evaluate: --truth is required");
        CliRun.evaluate("--input", input(), "--truth", temp.resolve("none.json").toString())
                .failedWithUsage("truth file not found", "none.json");
        CliRun.evaluate("--truth", truth()).failedWithUsage("evaluate: --input is required");
        CliRun.evaluate("--input", input(), "--truth", truth(), "--verbose").failedWithUsage("unknown option --verbose");
    }

    @Test
    void a_bad_truth_file_names_the_problem() throws IOException {
        Path file = temp.resolve("truth.json");
        for (String[] bad : new String[][] {
                {"{\"pairs\": [[\"a\"", "invalid JSON"},
                {"[]", "must be a JSON object"},
                {"{\"truth\": []}", "neither \"pairs\" nor \"entities\""},
                {"{\"pairs\": [[\"a\", \"b\", \"c\"]]}", "/pairs/0 must hold two different ids"},
                {"{\"pairs\": [[\"a\", 1]]}", "/pairs/0/1 must be a non-empty string"},
                {"{\"entities\": {\"E1\": [\"a\"], \"E2\": [\"a\", \"b\"]}}", "id \"a\" is also in entity \"E1\""}}) {
            Files.writeString(file, bad[0]);
            CliRun.evaluate("--input", input(), "--truth", file.toString())
                    .failedWithUsage("bad truth file", bad[1]);
        }
    }

    @Test
    void a_truth_file_must_be_utf8_without_a_byte_order_mark() throws IOException {
        Path file = temp.resolve("truth.json");
        byte[] json = "{\"pairs\": [[\"a\", \"b\"]]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        Files.write(file, withBom);
        CliRun.evaluate("--input", input(), "--truth", file.toString())
                .failedWithUsage("bad truth file", "byte order mark");
        Files.write(file, "{\"pairs\": [[\"a\", \"b\"]]}".getBytes(java.nio.charset.StandardCharsets.UTF_16));
        CliRun.evaluate("--input", input(), "--truth", file.toString())
                .failedWithUsage("bad truth file", "not valid UTF-8");
        // an overlong encoding of '/' (0xC0 0xAF) inside an id
        Files.write(file, new byte[] {'{', '"', 'p', 'a', 'i', 'r', 's', '"', ':', '[', '[', '"', 'a', (byte) 0xC0,
            (byte) 0xAF, '"', ',', '"', 'b', '"', ']', ']', '}'});
        CliRun.evaluate("--input", input(), "--truth", file.toString())
                .failedWithUsage("bad truth file", "not valid UTF-8");
    }
}
