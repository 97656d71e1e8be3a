package org.eventdedup.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private static String input() {
        return CliRun.fixture("input").toString();
    }

    private static String truth() {
        return CliRun.fixture("truth.json").toString();
    }

    /* The fixture's pair figures under the built-ins are worked out in EvaluateCommandTest: tp 4, fp 1, fn 2. */
    @Test
    void json_gives_the_patch_and_the_held_out_figures_before_and_after() throws IOException {
        CliRun run = CliRun.tune("--input", input(), "--truth", truth(), "--folds", "3", "--json");

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode root = JSON.readTree(run.stdout());
        assertThat(root.fieldNames()).toIterable()
                .containsExactly("objective", "patch", "changes", "before", "after", "folds", "labels");
        assertThat(root.get("objective").asText()).isEqualTo("f1");
        assertThat(root.get("folds").asInt()).isEqualTo(3);
        JsonNode before = root.get("before");
        assertThat(before.get("tp").asInt()).isEqualTo(4);
        assertThat(before.get("fp").asInt()).isEqualTo(1);
        assertThat(before.get("fn").asInt()).isEqualTo(2);
        assertThat(before.get("f1").asDouble()).isCloseTo(8.0 / 11, within(1e-12));
        assertThat(before.get("spread").fieldNames()).toIterable().containsExactly("precision", "recall", "f1");
        assertThat(root.get("after").get("f1").asDouble()).isBetween(0.0, 1.0);
        assertThat(root.get("labels").get("groups").asInt()).isEqualTo(6);
        assertThat(root.get("labels").get("true_pairs").asInt()).isEqualTo(6);
        assertThat(root.get("patch").size()).isLessThanOrEqualTo(root.get("changes").size());
    }

    @Test
    void config_out_writes_the_suggested_config_that_evaluate_reads_back() throws IOException {
        Path written = temp.resolve("tuned.yaml");
        CliRun run = CliRun.tune("--input", input(), "--truth", truth(), "--folds", "2", "--json",
                "--config-out", written.toString());

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode patch = JSON.readTree(run.stdout()).get("patch");
        JsonNode config = JSON.readTree(written.toFile());
        patch.fields().forEachRemaining(section -> section.getValue().fields().forEachRemaining(field -> {
            if (field.getValue().isNumber()) {
                assertThat(config.get(section.getKey()).get(field.getKey()).asDouble())
                        .isEqualTo(field.getValue().asDouble());
            }
        }));
        CliRun evaluate = CliRun.evaluate("--input", input(), "--truth", truth(), "--config", written.toString());
        assertThat(evaluate.code()).as(evaluate.stderr()).isZero();
        assertThat(evaluate.out()).contains("config: " + written);
    }

    @Test
    void the_same_seed_prints_the_same_bytes() {
        CliRun one = CliRun.tune("--input", input(), "--truth", truth(), "--folds", "2", "--seed", "5", "--json",
                "--objective", "recall@p=0.9");
        CliRun two = CliRun.tune("--input", input(), "--truth", truth(), "--folds", "2", "--seed", "5", "--json",
                "--objective", "recall@p=0.9", "--threads", "1");

        assertThat(one.code()).as(one.stderr()).isZero();
        assertThat(two.stdout()).isEqualTo(one.stdout());
    }

    @Test
    void text_names_the_objective_and_the_figures() {
        CliRun run = CliRun.tune("--input", input(), "--truth", truth(), "--folds", "2");

        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(run.out()).contains("objective f1, 2-fold cross-validation over 6 groups")
                .contains("before").contains("after");
    }

    @Test
    void bad_arguments_exit_2_naming_the_flag() throws IOException {
        CliRun.tune("--truth", truth()).failedWithUsage("tune: --input is required");
        CliRun.tune("--input", input()).failedWithUsage("tune: --truth is required");
        CliRun.tune("--input", input(), "--truth", truth(), "--objective", "f2")
                .failedWithUsage("--objective", "recall@p=<floor>");
        CliRun.tune("--input", input(), "--truth", truth(), "--objective", "recall@p=1.2")
                .failedWithUsage("--objective", "outside (0, 1]");
        CliRun.tune("--input", input(), "--truth", truth(), "--folds", "1").failedWithUsage("--folds", "at least 2");
        CliRun.tune("--input", input(), "--truth", truth(), "--folds", "x").failedWithUsage("--folds");
        CliRun.tune("--input", input(), "--truth", truth(), "--seed", "x").failedWithUsage("--seed", "whole number");
        CliRun.tune("--input", input(), "--truth", temp.resolve("none.json").toString())
                .failedWithUsage("truth file not found");
        CliRun.tune("--input", input(), "--truth", truth(), "--bogus").failedWithUsage("unknown option --bogus");
        Path plainFile = Files.writeString(temp.resolve("plain"), "x");
        String underAFile = plainFile.resolve("x.yaml").toString();
        CliRun.tune("--input", input(), "--truth", truth(), "--config-out", underAFile)
                .failedWithUsage("--config-out", "not a directory");
    }

    @Test
    void labels_with_fewer_groups_than_folds_exit_2_saying_so() {
        CliRun.tune("--input", input(), "--truth", truth(), "--folds", "7")
                .failedWithUsage("6 groups", "fewer than the 7 folds");
    }

    @Test
    void labels_without_a_same_event_pair_among_the_listings_exit_2() throws IOException {
        Path truth = temp.resolve("truth.json");
        Files.writeString(truth, "{\"pairs\": [[\"x1\", \"x2\"]]}");
        CliRun.tune("--input", input(), "--truth", truth.toString()).failedWithUsage("no same-event pair");
    }
}
