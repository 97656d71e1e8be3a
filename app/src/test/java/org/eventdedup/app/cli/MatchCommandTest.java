package org.eventdedup.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    private static String input() {
        return CliRun.fixture("input").toString();
    }

    @Test
    void writes_stats_decisions_clusters_flagged_and_canonical_events_in_a_fixed_shape() throws IOException {
        CliRun run = CliRun.match("--input", input());

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode root = JSON.readTree(run.stdout());
        assertThat(keys(root)).containsExactly("stats", "decisions", "clusters", "flagged", "canonical_events");
        assertThat(keys(root.get("stats"))).containsExactly("total_events", "total_possible_pairs", "blocked_pairs",
                "reduction_pct", "match_count", "ambiguous_count", "no_match_count", "ai_status", "ai_candidates",
                "ai_answered", "ai_changed", "cluster_count", "singleton_count", "flagged_count",
                "total_cluster_count", "canonical_count");
        JsonNode first = root.get("decisions").get(0);
        assertThat(keys(first)).containsExactly("a", "b", "signals", "score", "decision", "tier");
        assertThat(keys(first.get("signals"))).containsExactly("date", "geo", "title", "description");
        assertThat(first.get("a").asText() + "-" + first.get("b").asText()).isEqualTo("a1-a2");

        assertThat(root.get("stats").get("total_events").asInt()).isEqualTo(11);
        assertThat(root.get("stats").get("blocked_pairs").asInt()).isEqualTo(10);
        assertThat(root.get("decisions")).hasSize(10);
        assertThat(root.get("stats").get("ai_status").asText()).isEqualTo("disabled");
        assertThat(root.get("clusters").toString())
                .isEqualTo("[[\"a1\",\"b1\"],[\"a2\",\"b2\"],[\"a3\",\"b4\"],[\"a4\"],[\"b5\"],[\"c1\",\"c2\",\"c3\"]]");
        assertThat(root.get("flagged")).isEmpty();
        assertThat(root.get("canonical_events")).hasSize(6);
        JsonNode chain = root.get("canonical_events").get(5);
        assertThat(chain.get("source_ids").toString()).isEqualTo("[\"c1\",\"c2\",\"c3\"]");
        assertThat(chain.get("source_count").asInt()).isEqualTo(3);
        assertThat(chain.get("first_date").asText()).isEqualTo("2026-03-05");
        assertThat(chain.get("last_date").asText()).isEqualTo("2026-03-07");
        assertThat(chain.get("dates").get(0).get("start_time").asText()).isEqualTo("14:00:00");
        assertThat(chain.get("needs_review").asBoolean()).isFalse();
        assertThat(chain.get("field_provenance").get("title").asText()).isEqualTo("c1");
        assertThat(root.get("canonical_events").get(3).get("match_confidence").isNull()).isTrue();
        assertThat(run.out()).endsWith("}\n");
        assertThat(run.stderr()).contains("matched 11 listings from 3 files", "5 match, 1 ambiguous, 4 no_match");
    }

    @Test
    void the_same_input_gives_byte_identical_output_whatever_the_threads_or_the_order_of_the_paths() {
        Path dir = CliRun.fixture("input");
        byte[] one = CliRun.match("--input", dir.toString(), "--threads", "1").stdout();
        byte[] two = CliRun.match("--input", dir.toString(), "--threads", "2").stdout();
        byte[] reversed = CliRun.match("--input", dir.resolve("c_2026-03.json").toString(),
                dir.resolve("b_2026-03.json").toString(), dir.resolve("a_2026-03.json").toString(),
                "--threads", "2").stdout();

        assertThat(one).isNotEmpty();
        assertThat(two).isEqualTo(one);
        assertThat(reversed).isEqualTo(one);
    }

    @Test
    void byte_identical_with_one_and_two_threads_when_scoring_really_runs_in_parallel() throws IOException {
        // 200 listings in one block: 19,900 pairs, several scoring chunks per thread
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            events.append(i == 0 ? "" : ",").append(String.format(
                    "{\"id\":\"e%03d\",\"title\":\"%s %d\",\"source_type\":\"%s\",\"event_dates\":[{\"date\":"
                            + "\"2026-03-01\",\"start_time\":\"%02d:00\"}],\"location\":{\"city\":\"Waldkirch\","
                            + "\"geo\":{\"latitude\":48.09,\"longitude\":7.96,\"confidence\":0.9}},"
                            + "\"categories\":[\"%s\"]}",
                    i, i % 3 == 0 ? "Konzert im Stadtpark" : "Stadtpark Konzert", i % 7, i % 2 == 0 ? "artikel"
                            : "terminliste", 10 + i % 5, i % 4 == 0 ? "fasnacht" : "musik"));
        }
        Files.writeString(temp.resolve("x_busy.json"), "{\"events\":[" + events + "]}");

        CliRun one = CliRun.match("--input", temp.toString(), "--threads", "1");
        CliRun two = CliRun.match("--input", temp.toString(), "--threads", "2");

        assertThat(one.code()).as(one.stderr()).isZero();
        assertThat(JSON.readTree(one.stdout()).get("stats").get("blocked_pairs").asInt()).isEqualTo(19_900);
        assertThat(two.stdout()).isEqualTo(one.stdout());
    }

    @Test
    void output_goes_to_the_file_and_nothing_to_stdout() throws IOException {
        Path target = temp.resolve("out/result.json");
        CliRun run = CliRun.match("--input", input(), "--output", target.toString());

        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(Files.readAllBytes(target)).isEqualTo(CliRun.match("--input", input()).stdout());
        assertThat(run.stderr()).contains("written to " + target);
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target); // no temporary file left behind
        }
    }

    @Test
    void output_into_a_fifo_streams_the_result_and_leaves_the_fifo() throws Exception {
        Path fifo = temp.resolve("result.pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        java.util.concurrent.CompletableFuture<byte[]> reader = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return Files.readAllBytes(fifo);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });

        CliRun run = CliRun.match("--input", input(), "--output", fifo.toString());

        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(reader.get(30, java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(CliRun.match("--input", input()).stdout());
        assertThat(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther()).as("still a FIFO, not replaced by a file").isTrue();
    }

    @Test
    void output_to_a_directory_is_refused_before_matching() {
        CliRun.match("--input", input(), "--output", temp.toString())
                .failedWithUsage("match: --output " + temp + " is a directory");
    }

    @Test
    void uses_the_config_file_of_the_environment_when_no_config_option_is_given() throws IOException {
        Path config = temp.resolve("matching.yaml");
        Files.writeString(config, "thresholds:\n  high: 0.99\n");

        CliRun run = CliRun.match(Map.of(MatchSetup.CONFIG_PATH_VARIABLE, config.toString()), "--input", input());

        assertThat(run.code()).as(run.stderr()).isZero();
        // only a1-b1 (identical, score 1.0) reaches 0.99; with the built-ins 5 pairs match
        assertThat(JSON.readTree(run.stdout()).get("stats").get("match_count").asInt()).isEqualTo(1);
        assertThat(run.stderr()).contains("config: " + config);
    }

    @Test
    void the_config_option_wins_over_the_environment() throws IOException {
        Path strict = temp.resolve("strict.yaml");
        Files.writeString(strict, "thresholds:\n  high: 0.99\n");
        Path loose = temp.resolve("loose.yaml");
        Files.writeString(loose, "thresholds:\n  high: 0.6\n  low: 0.3\n");

        CliRun run = CliRun.match(Map.of(MatchSetup.CONFIG_PATH_VARIABLE, strict.toString()), "--input", input(),
                "--config", loose.toString());

        assertThat(JSON.readTree(run.stdout()).get("stats").get("match_count").asInt()).isGreaterThan(5);
    }

    @Test
    void reads_the_lexicon_of_the_lexicon_option() throws IOException {
        Path lexicon = Files.createDirectories(temp.resolve("lexicon"));
        Files.writeString(lexicon.resolve("synonyms.yaml"), "synonym_groups:\n  jazzabend: [jazz-abend im keller]\n");

        CliRun run = CliRun.match("--input", input(), "--lexicon", lexicon.toString());

        assertThat(run.code()).as(run.stderr()).isZero();
        assertThat(run.stderr()).doesNotContain("no lexicon directory");
    }

    @Test
    void a_listing_delivered_again_by_a_later_file_replaces_the_earlier_one() throws IOException {
        String event = "{\"events\":[{\"id\":\"x1\",\"title\":\"%s\",\"source_type\":\"artikel\"}]}";
        Files.writeString(temp.resolve("a_first.json"), String.format(event, "Old title"));
        Files.writeString(temp.resolve("b_second.json"), String.format(event, "New title"));

        CliRun run = CliRun.match("--input", temp.toString());

        assertThat(run.code()).as(run.stderr()).isZero();
        JsonNode canonical = JSON.readTree(run.stdout()).get("canonical_events");
        assertThat(canonical).hasSize(1);
        assertThat(canonical.get(0).get("title").asText()).isEqualTo("New title");
        assertThat(run.stderr()).contains("1 re-delivered ids replaced");
    }

    // --- exit 2: bad usage, input, config ------------------------------------------------------------------

    @Test
    void missing_input_is_a_usage_error() {
        CliRun.match().failedWithUsage("match: --input is required");
        CliRun.match("--input").failedWithUsage("match: --input needs a value");
    }

    @Test
    void unknown_options_and_stray_arguments_are_usage_errors() {
        CliRun.match("--input", input(), "--fast").failedWithUsage("unknown option --fast", "--output");
        CliRun.match("extra").failedWithUsage("unexpected argument \"extra\"");
        CliRun.match("--input", input(), "--output", "a", "--output", "b").failedWithUsage("--output is given twice");
        CliRun.match("--input", input(), "--threads", "0")
                .failedWithUsage("--threads must be a positive whole number, was \"0\"");
    }

    @Test
    void an_input_path_that_does_not_exist_is_named() {
        CliRun.match("--input", temp.resolve("nope.json").toString()).failedWithUsage("input not found", "nope.json");
        CliRun.match("--input", temp.toString()).failedWithUsage("no input files (*.json) in " + temp);
    }

    @Test
    void an_unreadable_input_file_is_named() throws IOException {
        // a file without read permission where permissions bind (not as root); as root, a file no one can read
        Path file = temp.resolve("locked.json");
        Files.writeString(file, "{\"events\": []}");
        boolean locked = file.toFile().setReadable(false, false) && !Files.isReadable(file);
        Path unreadable = locked ? file : Path.of("/proc/self/mem");

        CliRun.match("--input", unreadable.toString()).failedWithUsage("cannot read input file",
                unreadable.getFileName().toString());
    }

    @Test
    void an_invalid_input_file_names_the_file_and_its_first_problem_and_writes_nothing() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("in"));
        Files.writeString(dir.resolve("good.json"), "{\"events\": []}");
        Files.writeString(dir.resolve("zz_bad.json"), "{\"events\": [{\"id\": \"\", \"title\": 5, "
                + "\"source_type\": \"artikel\", \"event_dates\": [{\"date\": \"2026-02-30\"}]}]}");
        Path target = temp.resolve("result.json");

        CliRun.match("--input", dir.toString(), "--output", target.toString()).failedWithUsage(
                "input file", "zz_bad.json rejected: /events/0/id (event 0, id \"\"): must not be empty",
                "(and 2 more problems)");
        assertThat(target).doesNotExist();
    }

    @Test
    void a_file_that_is_not_json_is_rejected() throws IOException {
        Path file = temp.resolve("broken.json");
        Files.writeString(file, "{\"events\": [", StandardCharsets.UTF_8);

        CliRun.match("--input", file.toString()).failedWithUsage("broken.json rejected: document: Invalid JSON");
    }

    @Test
    void a_bad_config_file_names_the_file_line_and_field() throws IOException {
        Path config = temp.resolve("bad.yaml");
        Files.writeString(config, "thresholds:\n  high: 0.2\n  low: 0.5\nscoring:\n  dtae: 0.3\n");

        CliRun run = CliRun.match("--input", input(), "--config", config.toString());

        run.failedWithUsage("match: bad config file " + config + ":", "(and ");
        CliRun.match("--input", input(), "--config", temp.resolve("missing.yaml").toString())
                .failedWithUsage("config file not found", "missing.yaml");
    }

    @Test
    void a_missing_lexicon_directory_given_explicitly_is_an_error() {
        CliRun.match("--input", input(), "--lexicon", temp.resolve("nothing").toString())
                .failedWithUsage("lexicon directory not found");
    }

    @Test
    void a_broken_lexicon_file_is_an_error() throws IOException {
        Path lexicon = Files.createDirectories(temp.resolve("lexicon"));
        Files.writeString(lexicon.resolve("city_aliases.yaml"), "Kenzingen: [Kenzingen]\n");

        CliRun.match("--input", input(), "--lexicon", lexicon.toString()).failedWithUsage("city_aliases.yaml");
    }

    @Test
    void without_a_lexicon_directory_it_says_so_and_runs() {
        CliRun run = CliRun.match("--input", input());

        assertThat(run.code()).isZero();
        assertThat(run.stderr()).contains("note: no lexicon directory config/");
    }
}
