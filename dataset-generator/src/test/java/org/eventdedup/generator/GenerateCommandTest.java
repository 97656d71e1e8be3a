package org.eventdedup.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerateCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    private int run(String... args) {
        return GenerateCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writes_input_files_truth_and_stats_and_says_so_on_one_line() throws IOException {
        Path dir = temp.resolve("new/nested");
        assertThat(run("--listings", "700", "--seed", "42", "--out", dir.toString())).isZero();
        assertThat(dir.resolve("truth.json")).isRegularFile();
        assertThat(dir.resolve("stats.json")).isRegularFile();
        try (var files = Files.list(dir.resolve("input"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).isNotEmpty()
                    .allSatisfy(name -> assertThat(name).matches("[a-z]{3}_\\d{4}-\\d{2}-\\d{2}\\.json"));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("700 listings").endsWith("\n");
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).doesNotContain("\n");
        assertThat(err()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--listings 0 --seed 1                 | --listings must be a whole number from 1 to 2,000,000, got \"0\"",
        "--listings 2000001 --seed 1           | got \"2000001\"",
        "--listings abc --seed 1               | got \"abc\"",
        "--listings 10 --seed x                | --seed must be a whole number",
        "--listings 10                         | --listings, --seed and --out are required",
        "--listings 10 --seed 1 --colour red   | unknown option \"--colour\"",
        "--listings 10 --seed                  | --seed needs a value",
    })
    void bad_arguments_exit_2_with_a_one_line_reason(String args, String reason) {
        List<String> list = new java.util.ArrayList<>(List.of(args.trim().split("\\s+")));
        if (!args.contains("--out") && args.contains("--seed 1") && !args.contains("--colour")) {
            list.addAll(List.of("--out", temp.resolve("o").toString()));
        }
        assertThat(run(list.toArray(String[]::new))).isEqualTo(2);
        assertThat(err()).startsWith("event-dedup: generate: ").contains(reason).endsWith("\n");
        assertThat(err().strip()).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void a_directory_that_is_not_empty_is_refused_so_runs_never_mix() throws IOException {
        Files.writeString(temp.resolve("earlier.json"), "{}");
        assertThat(run("--listings", "10", "--seed", "1", "--out", temp.toString())).isEqualTo(2);
        assertThat(err()).contains("is not empty");
    }

    @Test
    void a_file_in_place_of_the_directory_is_refused() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThat(run("--listings", "10", "--seed", "1", "--out", file.toString())).isEqualTo(2);
        assertThat(err()).contains("exists and is not a directory");
    }

    @Test
    void a_directory_that_cannot_be_written_is_refused() throws IOException {
        Path locked = Files.createDirectory(temp.resolve("locked"));
        assertThat(locked.toFile().setWritable(false, false)).isTrue();
        try {
            // root may write anyway; then the command simply succeeds
            int code = run("--listings", "10", "--seed", "1", "--out", locked.resolve("sub").toString());
            if (code != 0) {
                assertThat(code).isEqualTo(2);
                assertThat(err()).contains("cannot be created");
            }
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }
}
