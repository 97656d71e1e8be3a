package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new Main(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void assertOneLineError(String... fragments) {
        assertThat(err()).endsWith("\n").contains(fragments);
        assertThat(err().strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void help_lists_the_commands_on_stdout(String flag) {
        assertThat(run(Map.of(), flag)).isZero();
        assertThat(out()).contains("serve", "api", "migrate", "generate-key", "rotate-key", "bench", "operator add",
                "--password-stdin");
        assertThat(err()).isEmpty();
    }

    @Test
    void generate_key_prints_one_fernet_key() {
        assertThat(run(Map.of(), "generate-key")).isZero();
        assertThat(out()).matches("[A-Za-z0-9_-]{43}=\n");
    }

    @Test
    void generate_key_prints_a_different_key_each_time() {
        run(Map.of(), "generate-key");
        run(Map.of(), "generate-key");
        String[] keys = out().split("\n");
        assertThat(keys).hasSize(2);
        assertThat(keys[0]).isNotEqualTo(keys[1]);
    }

    @Test
    void an_unknown_command_is_a_usage_error() {
        assertThat(run(Map.of(), "serv")).isEqualTo(2);
        assertOneLineError("unknown command \"serv\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "api", "worker", "migrate", "generate-key", "rotate-key"})
    void commands_without_options_reject_arguments(String command) {
        assertThat(run(Map.of(), command, "--port", "80")).isEqualTo(2);
        assertOneLineError(command + " takes no arguments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "worker", "migrate", "rotate-key", "bench"})
    void commands_that_need_a_database_url_say_so(String command) {
        assertThat(run(Map.of(), command)).isEqualTo(2);
        assertOneLineError("EVENT_DEDUP_DATABASE_URL");
    }

    @Test
    void a_bad_environment_variable_is_named_with_exit_2() {
        assertThat(run(Map.of("EVENT_DEDUP_HTTP_PORT", "70000"), "serve")).isEqualTo(2);
        assertOneLineError("EVENT_DEDUP_HTTP_PORT", "70000");
    }

    @Test
    void a_bad_database_password_never_reaches_the_terminal() {
        assertThat(run(Map.of("EVENT_DEDUP_DATABASE_URL", "postgresql://u:topsecret%g1@h/db"), "migrate"))
                .isEqualTo(2);
        assertOneLineError("EVENT_DEDUP_DATABASE_URL");
        assertThat(err()).doesNotContain("topsecret");
    }

    @Test
    void bench_rejects_unknown_options_and_bad_durations() {
        assertThat(run(Map.of(), "bench", "--fast")).isEqualTo(2);
        assertOneLineError("unknown option \"--fast\"");
        err.reset();
        assertThat(run(Map.of(), "bench", "--seconds", "zero")).isEqualTo(2);
        assertOneLineError("--seconds must be a whole number");
    }

    @Test
    void serve_without_a_database_url_refuses_root_with_exit_2_and_only_root(@TempDir Path dir) throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            assertThat(run(Map.of("EVENT_DEDUP_DATA_DIR", dir.toString(), "EVENT_DEDUP_LOG_LEVEL", "ERROR"),
                    "serve")).isEqualTo(2);
            assertOneLineError("cannot run as root", "EVENT_DEDUP_DATABASE_URL");
            return;
        }
        // a normal user gets past the root check: a data folder that cannot be made fails the start itself (exit 1)
        Path notAFolder = java.nio.file.Files.writeString(dir.resolve("file"), "x");
        assertThat(run(Map.of("EVENT_DEDUP_DATA_DIR", notAFolder.toString(), "EVENT_DEDUP_LOG_LEVEL", "ERROR"),
                "serve")).isEqualTo(1);
        assertThat(err.toString()).doesNotContain("root");
    }

    @Test
    void an_unreachable_database_is_a_runtime_failure_with_exit_1() {
        assertThat(run(Map.of("EVENT_DEDUP_DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2",
                "EVENT_DEDUP_LOG_LEVEL", "ERROR"), "migrate")).isEqualTo(1);
        assertOneLineError("migrate failed");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"bench-load, --seconds", "bench-preview, --seed",
        "bench-worker, --seed", "bench-rematch, --listings"})
    void benchmarks_on_a_scratch_database_need_a_database_url_or_name_the_bad_option(String command, String option) {
        assertThat(run(Map.of(), command)).isEqualTo(2);
        assertOneLineError(command + " needs EVENT_DEDUP_DATABASE_URL", "scratch database");
        err.reset();
        assertThat(run(Map.of("EVENT_DEDUP_DATABASE_URL", "mysql://nope"), command)).isEqualTo(2);
        assertOneLineError("EVENT_DEDUP_DATABASE_URL has an unsupported scheme \"mysql\"");
        err.reset();
        assertThat(run(Map.of(), command, option, "x")).isEqualTo(2);
        assertOneLineError(command + ": " + option + " must be a whole number", "\"x\"");
    }

    @Test
    void bench_rematch_names_a_bad_threshold_and_an_unknown_option() {
        assertThat(run(Map.of(), "bench-rematch", "--high", "1.5")).isEqualTo(2);
        assertOneLineError("bench-rematch: --high must be a number in (0, 1]", "\"1.5\"");
        err.reset();
        assertThat(run(Map.of(), "bench-rematch", "--rounds", "3")).isEqualTo(2);
        assertOneLineError("bench-rematch: unknown option \"--rounds\"");
    }

    @Test
    void operator_commands_need_a_database_url() {
        assertThat(run(Map.of(), "operator", "list")).isEqualTo(2);
        assertOneLineError("operator needs EVENT_DEDUP_DATABASE_URL");
    }
}
