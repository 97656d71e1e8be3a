package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bench-engine} through the launcher, which hands it the YAML readers. Shape and arguments only: no assertion
 * here depends on how fast the machine is.
 */
class EngineBenchCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        List<String> command = new ArrayList<>(List.of("bench-engine"));
        command.addAll(List.of(args));
        return new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(command.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--case fast          | --case must be all, scoring, scaling or e2e",
        "--listings 10        | --listings must be a whole number from 1000 to 1000000, got \"10\"",
        "--rounds 0           | --rounds must be a whole number from 1 to 20",
        "--colour red         | unknown option \"--colour\"",
        "--rounds             | --rounds needs a value",
    })
    void bad_arguments_exit_2_with_a_one_line_reason(String args, String reason) {
        assertThat(run(args.trim().split("\\s+"))).isEqualTo(2);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("event-dedup: bench-engine: ").contains(reason);
        assertThat(text.strip()).doesNotContain("\n");
    }

    @Test
    void a_missing_lexicon_directory_is_bad_usage() {
        assertThat(run("--case", "scoring", "--listings", "1000", "--lexicon", "/nonexistent/lexicon")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("lexicon directory not found");
    }

    @Test
    void scoring_and_scaling_report_ratios_and_rates_as_json() throws IOException {
        Path lexicon = Path.of("../config").toAbsolutePath().normalize();
        Path config = lexicon.resolve("matching.yaml");
        assertThat(run("--case", "scoring", "--listings", "1000", "--rounds", "1", "--json", "--lexicon",
                lexicon.toString(), "--config", config.toString())).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.at("/scoring/listings").asInt()).isEqualTo(1000);
        assertThat(report.at("/scoring/pairs").asLong()).isPositive();
        assertThat(report.at("/scoring/speedup").asDouble()).isPositive();
        assertThat(report.at("/scoring/pairs_per_second_1").asDouble()).isPositive();
        assertThat(report.at("/scoring/one_thread_s")).hasSize(1);
        assertThat(report.has("scaling")).isFalse();
        assertThat(report.at("/cpus").asInt()).isPositive();
        assertThat(Files.isDirectory(lexicon)).isTrue();
    }

    @Test
    void the_table_names_each_target_and_whether_it_was_met() {
        Path lexicon = Path.of("../config").toAbsolutePath().normalize();
        assertThat(run("--case", "scaling", "--listings", "1000", "--rounds", "1", "--lexicon", lexicon.toString(),
                "--config", lexicon.resolve("matching.yaml").toString())).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("(b) scaling").contains("1,000 listings").contains("2,000 listings")
                .containsPattern("target <= 2.3: (met|MISSED)").contains("listings/s");
    }
}
