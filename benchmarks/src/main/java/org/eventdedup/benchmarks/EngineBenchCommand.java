package org.eventdedup.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code bench-engine [--case all|scoring|scaling|e2e] [--listings N] [--rounds R] [--seed S] [--config FILE]
 * [--lexicon DIR] [--json]}: the engine's performance targets, measured in one run as ratios (see
 * {@link EngineBenchmark}). A missed target is a finding, not a failure: the command exits 0 and says MISSED.
 * Exit 2 on bad arguments, 1 when a measurement fails.
 */
public final class EngineBenchCommand {

    static final String USAGE_LINE = "usage: bench-engine [--case all|scoring|scaling|e2e] [--listings N] "
            + "[--rounds R] [--seed S] [--config FILE] [--lexicon DIR] [--json]";
    /** The hidden option the end-to-end case starts its child JVM with. */
    static final String CHILD_CASE = "e2e-child";

    record Options(String benchCase, int listings, int rounds, long seed, Path config, Path lexicon, boolean json) {

        static Options parse(List<String> args) {
            String benchCase = "all";
            int listings = 100_000;
            int rounds = 3;
            long seed = 1;
            Path config = Path.of("config/matching.yaml");
            Path lexicon = Path.of("config");
            boolean json = false;
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                if (option.equals("--json")) {
                    json = true;
                    continue;
                }
                if (!Set.of("--case", "--listings", "--rounds", "--seed", "--config", "--lexicon").contains(option)) {
                    throw new IllegalArgumentException("unknown option \"" + option + "\" (" + USAGE_LINE + ")");
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(option + " needs a value (" + USAGE_LINE + ")");
                }
                String value = args.get(++i);
                switch (option) {
                    case "--case" -> {
                        if (!Set.of("all", "scoring", "scaling", "e2e", CHILD_CASE).contains(value)) {
                            throw new IllegalArgumentException("--case must be all, scoring, scaling or e2e, got \""
                                    + value + "\"");
                        }
                        benchCase = value;
                    }
                    case "--listings" -> listings = (int) BenchOptions.wholeNumber(option, value, 1_000, 1_000_000);
                    case "--rounds" -> rounds = (int) BenchOptions.wholeNumber(option, value, 1, 20);
                    case "--seed" -> seed = BenchOptions.wholeNumber(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                    case "--config" -> config = Path.of(value);
                    default -> lexicon = Path.of(value);
                }
            }
            return new Options(benchCase, listings, rounds, seed, config, lexicon, json);
        }

    }

    private EngineBenchCommand() {
    }

    /** @param host reads the config and lexicon files and names the main class of the end-to-end child JVM */
    public static int run(List<String> args, BenchmarkHost host, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("event-dedup: bench-engine: " + e.getMessage());
            return 2;
        }
        try {
            EngineBenchmark benchmark = new EngineBenchmark(options, host, err);
            if (options.benchCase().equals(CHILD_CASE)) {
                out.println(benchmark.endToEndHere().toJson());
                return 0;
            }
            EngineBenchReport report = benchmark.run();
            out.print(options.json() ? report.toJson() : report.toTable());
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("event-dedup: bench-engine: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("event-dedup: bench-engine failed: " + String.valueOf(e.getMessage())
                    .replaceAll("\\s*[\\r\\n]+\\s*", " "));
            return 1;
        }
    }
}
