package org.eventdedup.app.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.matching.pipeline.MatchResult;
import org.eventdedup.matching.pipeline.MatchStats;
import org.eventdedup.matching.pipeline.MatchingPipeline;
import org.eventdedup.matching.pipeline.StageTimings;
import org.eventdedup.offline.CliException;
import org.eventdedup.offline.InputLoader;
import org.eventdedup.offline.MatchJsonWriter;

/**
 * {@code match --input PATH... [--config FILE] [--output FILE] [--lexicon DIR] [--threads N]} (contract §3): the
 * offline pipeline on input files, no database, no AI calls. Writes the JSON of {@link MatchJsonWriter} to
 * {@code --output} (replaced as a whole, never left half-written) or stdout, and a one-line summary with the stage
 * timings to stderr. Exit 0; 2 with a one-line reason for bad usage, input, config or lexicon (nothing is written).
 */
public final class MatchCommand {

    static final String NAME = "match";

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    public MatchCommand(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = Map.copyOf(environment);
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /** @return the exit code; runtime failures (I/O on the output, bugs) are thrown for the launcher to report */
    public int run(List<String> args) {
        try {
            CliOptions options = CliOptions.parse(NAME, args, CliOptions.spec(
                    "--input", CliOptions.Arity.MANY, "--config", CliOptions.Arity.ONE,
                    "--output", CliOptions.Arity.ONE, "--lexicon", CliOptions.Arity.ONE,
                    "--threads", CliOptions.Arity.ONE));
            List<String> inputs = options.required("--input");
            Path output = options.optional("--output").map(Path::of).orElse(null);
            if (output != null && Files.isDirectory(output)) {
                throw new CliException(NAME + ": --output must be a file, " + output + " is a directory");
            }
            MatchSetup setup = MatchSetup.resolve(NAME, options, environment);
            InputLoader.Loaded input = new InputLoader(NAME).load(inputs);

            MatchResult result = new MatchingPipeline(setup.lexicon(), null, setup.threads())
                    .run(input.listings(), setup.config(), setup.apiKey());

            if (output == null) {
                MatchJsonWriter.write(result, out);
            } else {
                writeFile(result, output);
            }
            setup.notes().forEach(note -> err.println("event-dedup: note: " + note));
            result.warnings().forEach(warning -> err.println("event-dedup: warning: " + warning));
            err.println("event-dedup: " + summary(result.stats(), input, setup, output));
            return Exit.OK;
        } catch (CliException e) {
            err.println("event-dedup: " + e.getMessage());
            return Exit.USAGE;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the result: " + e.getMessage(), e);
        }
    }

    /** Writes beside the target, then moves it into place, so a failed run leaves no partial file behind. */
    private static void writeFile(MatchResult result, Path output) throws IOException {
        Path absolute = output.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + ProcessHandle.current().pid()
                + ".tmp");
        Files.deleteIfExists(temporary); // left over by a killed run of a process with the same id
        try {
            // CREATE_NEW with the process umask (not createTempFile's 0600): the result is an ordinary file
            try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(temporary,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
                MatchJsonWriter.write(result, stream);
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String summary(MatchStats s, InputLoader.Loaded input, MatchSetup setup, Path output) {
        StageTimings t = s.timings();
        return String.format(Locale.ROOT,
                "matched %d listings from %d files%s (config: %s, %d %s): %d pairs (%.1f%% reduction), "
                        + "%d match, %d ambiguous, %d no_match; %d clusters (%d singletons), %d flagged, "
                        + "%d canonical events%s in %s (prepare %s, blocking %s, scoring %s, ai %s, clustering %s, "
                        + "canonical %s)",
                s.totalEvents(), input.files(),
                input.redelivered() == 0 ? "" : ", " + input.redelivered() + " re-delivered ids replaced",
                setup.configSource(), setup.threads(), setup.threads() == 1 ? "thread" : "threads",
                s.blockedPairs(), s.reductionPct(), s.matchCount(),
                s.ambiguousCount(), s.noMatchCount(), s.clusterCount(), s.singletonCount(), s.flaggedCount(),
                s.canonicalCount(), output == null ? "" : ", written to " + output,
                ms(t.total()), ms(t.prepare()), ms(t.blocking()), ms(t.scoring()), ms(t.ai()), ms(t.clustering()),
                ms(t.canonical()));
    }

    static String ms(Duration duration) {
        return String.format(Locale.ROOT, "%.0f ms", duration.toNanos() / 1e6);
    }
}
