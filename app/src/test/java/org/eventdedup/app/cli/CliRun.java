package org.eventdedup.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One in-process run of an offline command: exit code, stdout bytes and stderr text. */
record CliRun(int code, byte[] stdout, String stderr) {

    /** No config file and no lexicon directory from the working directory: built-ins, empty lexicon. */
    static final Map<String, String> NO_FILES = Map.of(MatchSetup.CONFIG_PATH_VARIABLE, "does/not/exist.yaml");

    static CliRun match(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new MatchCommand(environment, print(out), print(err)).run(List.of(args));
        return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static CliRun match(String... args) {
        return match(NO_FILES, args);
    }

    static CliRun evaluate(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new EvaluateCommand(environment, print(out), print(err)).run(List.of(args));
        return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static CliRun evaluate(String... args) {
        return evaluate(NO_FILES, args);
    }

    static CliRun tune(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new TuneCommand(NO_FILES, print(out), print(err)).run(List.of(args));
        return new CliRun(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Exit 2, nothing on stdout, exactly one line on stderr containing every fragment, no stack trace. */
    void failedWithUsage(String... fragments) {
        assertThat(code).as(stderr).isEqualTo(2);
        assertThat(stdout).isEmpty();
        assertThat(stderr).startsWith("event-dedup: ").endsWith("\n").contains(fragments);
        assertThat(stderr.strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** A fixture under {@code src/test/resources/cli/}. */
    static Path fixture(String name) {
        try {
            return Path.of(CliRun.class.getResource("/cli/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
