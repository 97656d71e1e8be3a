package org.eventdedup.app.cli;

import java.io.IOException;
import java.io.PrintStream;
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
 * {@code --output} (see {@link OutputTarget}: a file is replaced as a whole, never left half-written; a FIFO or
 * device is written into, never replaced) or stdout (also {@code --output -}), and a one-line summary with the stage
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
            OutputTarget output = OutputTarget.of(NAME, "--output", options.optional("--output").orElse("-"));
            MatchSetup setup = MatchSetup.resolve(NAME, options, environment);
            InputLoader.Loaded input = new InputLoader(NAME).load(inputs);

            MatchResult result = new MatchingPipeline(setup.lexicon(), null, setup.threads())
                    .run(input.listings(), setup.config(), setup.apiKey());

            output.write(stream -> MatchJsonWriter.write(result, stream), out);
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

    static String summary(MatchStats s, InputLoader.Loaded input, MatchSetup setup, OutputTarget output) {
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
                s.canonicalCount(), output.isStandardOutput() ? "" : ", written to " + output.shown(),
                ms(t.total()), ms(t.prepare()), ms(t.blocking()), ms(t.scoring()), ms(t.ai()), ms(t.clustering()),
                ms(t.canonical()));
    }

    static String ms(Duration duration) {
        return String.format(Locale.ROOT, "%.0f ms", duration.toNanos() / 1e6);
    }
}
