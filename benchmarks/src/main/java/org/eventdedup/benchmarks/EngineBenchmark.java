package org.eventdedup.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.generator.DataSetFiles;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.pipeline.MatchResult;
import org.eventdedup.matching.pipeline.MatchingPipeline;
import org.eventdedup.matching.pipeline.StageTimings;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.input.InputFileException;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.input.ParsedFile;

/**
 * The engine's performance targets, each measured as a ratio of two timings taken in the same run, so that
 * a busy shared machine slows both sides alike:
 * <ol>
 * <li><b>scoring</b>: {@link MatchingPipeline} on N generated listings with 1 and with 2 threads, alternating, after
 * one warm-up run each; the scoring stage's time (from {@link StageTimings}) 1 thread : 2 threads, target ≥ 1.6.
 * Pairs scored per second come from the same runs.</li>
 * <li><b>scaling</b>: the whole pipeline (prepare → canonicals, 2 threads) on N and on 2N generated listings at the
 * same block density (the generator adds days, not events per day), alternating; time 2N : N, target ≤ 2.3.
 * Listings per second come from the same runs.</li>
 * <li><b>e2e</b>: a child JVM with {@code -Xmx1g} writes N listings as files, then parses them and runs the
 * pipeline to canonical events; it must finish, and reports its time and peak heap.</li>
 * </ol>
 * Each timed run starts after a {@code System.gc()}; the figure per side is the median of the rounds.
 */
final class EngineBenchmark {

    static final double SCORING_TARGET = 1.6;
    static final double SCALING_TARGET = 2.3;

    private final EngineBenchCommand.Options options;
    private final BenchmarkHost host;
    private final PrintStream progress;

    EngineBenchmark(EngineBenchCommand.Options options, BenchmarkHost host, PrintStream progress) {
        this.options = options;
        this.host = host;
        this.progress = progress;
    }

    EngineBenchReport run() {
        double loadBefore = loadAverage();
        Lexicon lexicon = lexicon();
        MatchingConfig config = config();
        EngineBenchReport.Scoring scoring = null;
        EngineBenchReport.Scaling scaling = null;
        EngineBenchReport.EndToEnd endToEnd = null;
        String benchCase = options.benchCase();
        int n = options.listings();
        if (!benchCase.equals("e2e")) {
            note("generating %,d listings in memory (seed %d)", n, options.seed());
            List<Listing> base = GeneratedListings.generate(n, options.seed());
            if (benchCase.equals("all") || benchCase.equals("scoring")) {
                scoring = scoring(base, lexicon, config);
            }
            if (benchCase.equals("all") || benchCase.equals("scaling")) {
                note("generating %,d listings in memory (same density, twice the days)", 2 * n);
                List<Listing> doubled = GeneratedListings.generate(2 * n, options.seed());
                scaling = scaling(base, doubled, lexicon, config);
            }
        }
        if (benchCase.equals("all") || benchCase.equals("e2e")) {
            endToEnd = endToEndInChild();
        }
        return new EngineBenchReport(options.listings(), options.rounds(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), loadBefore,
                loadAverage(), scoring, scaling, endToEnd);
    }

    // --- scoring: 1 vs 2 threads ------------------------------------------------------------------------------------
    private EngineBenchReport.Scoring scoring(List<Listing> listings, Lexicon lexicon, MatchingConfig config) {
        note("scoring: warm-up, then %d alternating rounds of 1 and 2 threads", options.rounds());
        timed(listings, lexicon, config, 1);
        timed(listings, lexicon, config, 2);
        double[] one = new double[options.rounds()];
        double[] two = new double[options.rounds()];
        double[] prepareOne = new double[options.rounds()];
        double[] prepareTwo = new double[options.rounds()];
        long pairs = 0;
        for (int r = 0; r < options.rounds(); r++) {
            MatchResult single = timed(listings, lexicon, config, 1);
            one[r] = seconds(single.stats().timings().scoring().toNanos());
            prepareOne[r] = seconds(single.stats().timings().prepare().toNanos());
            pairs = single.stats().blockedPairs();
            single = null;
            MatchResult dual = timed(listings, lexicon, config, 2);
            two[r] = seconds(dual.stats().timings().scoring().toNanos());
            prepareTwo[r] = seconds(dual.stats().timings().prepare().toNanos());
            note("  round %d: scoring %.3f s (1 thread) / %.3f s (2 threads)", r + 1, one[r], two[r]);
        }
        return new EngineBenchReport.Scoring(listings.size(), pairs, one, two, median(prepareOne),
                median(prepareTwo));
    }

    // --- scaling: N vs 2N -------------------------------------------------------------------------------------------
    private EngineBenchReport.Scaling scaling(List<Listing> base, List<Listing> doubled, Lexicon lexicon,
                                              MatchingConfig config) {
        note("scaling: warm-up, then %d alternating rounds of %,d and %,d listings (2 threads)", options.rounds(),
                base.size(), doubled.size());
        timed(base, lexicon, config, 2);
        double[] small = new double[options.rounds()];
        double[] large = new double[options.rounds()];
        long pairsSmall = 0;
        long pairsLarge = 0;
        StageTimings stagesSmall = null;
        StageTimings stagesLarge = null;
        for (int r = 0; r < options.rounds(); r++) {
            MatchResult a = timed(base, lexicon, config, 2);
            small[r] = seconds(a.stats().timings().total().toNanos());
            pairsSmall = a.stats().blockedPairs();
            stagesSmall = a.stats().timings();
            a = null;
            MatchResult b = timed(doubled, lexicon, config, 2);
            large[r] = seconds(b.stats().timings().total().toNanos());
            pairsLarge = b.stats().blockedPairs();
            stagesLarge = b.stats().timings();
            note("  round %d: %.3f s (%,d) / %.3f s (%,d)", r + 1, small[r], base.size(), large[r], doubled.size());
        }
        return new EngineBenchReport.Scaling(base.size(), doubled.size(), pairsSmall, pairsLarge, small, large,
                stagesSmall, stagesLarge);
    }

    private static MatchResult timed(List<Listing> listings, Lexicon lexicon, MatchingConfig config, int threads) {
        System.gc();
        return new MatchingPipeline(lexicon, null, threads).run(listings, config, null);
    }

    // --- end to end in 1 GiB ----------------------------------------------------------------------------------------
    private EngineBenchReport.EndToEnd endToEndInChild() {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                host.mainClass(), "bench-engine", "--case", EngineBenchCommand.CHILD_CASE, "--listings",
                Integer.toString(options.listings()), "--seed", Long.toString(options.seed()), "--config",
                options.config().toString(), "--lexicon", options.lexicon().toString()));
        note("e2e: child JVM with -Xmx1g: write %,d listings as files, then parse -> canonicals", options.listings());
        try {
            Path output = Files.createTempFile("bench-e2e", ".json");
            Path errors = Files.createTempFile("bench-e2e", ".err");
            try {
                Process child = new ProcessBuilder(command).redirectOutput(output.toFile())
                        .redirectError(errors.toFile()).start();
                if (!child.waitFor(30, TimeUnit.MINUTES)) {
                    child.destroyForcibly();
                    return EngineBenchReport.EndToEnd.failed(options.listings(), "did not finish within 30 minutes");
                }
                String stdout = Files.readString(output, StandardCharsets.UTF_8).strip();
                if (child.exitValue() != 0 || stdout.isEmpty()) {
                    List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
                    String reason = lines.isEmpty() ? "exit " + child.exitValue() : "exit " + child.exitValue() + ": "
                            + lines.get(lines.size() - 1);
                    return EngineBenchReport.EndToEnd.failed(options.listings(), reason);
                }
                String last = stdout.substring(stdout.lastIndexOf('\n') + 1);
                JsonNode node = new ObjectMapper().readTree(last);
                return EngineBenchReport.EndToEnd.fromJson(node);
            } finally {
                Files.deleteIfExists(output);
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The child's side: generate files (untimed), then time parse → canonicals in this JVM's heap. */
    EngineBenchReport.EndToEnd endToEndHere() {
        Lexicon lexicon = lexicon();
        MatchingConfig config = config();
        Path dir;
        try {
            dir = Files.createTempDirectory("bench-e2e-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            DataSetFiles.write(options.listings(), options.seed(), dir);
            List<Path> files;
            try (Stream<Path> list = Files.list(dir.resolve(DataSetFiles.INPUT_FOLDER))) {
                files = list.sorted().toList();
            }
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            InputFileParser parser = new InputFileParser();
            List<Listing> listings = new ArrayList<>(options.listings());
            for (Path file : files) {
                ParsedFile parsed = parser.parse(file.getFileName().toString(), Files.readAllBytes(file),
                        listings.size());
                listings.addAll(parsed.listings());
            }
            long parsed = System.nanoTime();
            int threads = Runtime.getRuntime().availableProcessors();
            MatchResult result = new MatchingPipeline(lexicon, null, threads).run(listings, config, null);
            long end = System.nanoTime();
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            return new EngineBenchReport.EndToEnd(true, null, listings.size(), files.size(), threads,
                    seconds(parsed - start), seconds(end - parsed), seconds(end - start),
                    result.stats().blockedPairs(), result.stats().canonicalCount(), peak / (1024.0 * 1024.0),
                    Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InputFileException e) {
            throw new IllegalStateException("generated file does not parse: " + e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------------
    private Lexicon lexicon() {
        if (!Files.isDirectory(options.lexicon())) {
            throw new IllegalArgumentException("lexicon directory not found: " + options.lexicon()
                    + " (run from the project root or pass --lexicon DIR)");
        }
        return host.readLexicon(options.lexicon());
    }

    private MatchingConfig config() {
        return host.readConfig(options.config()).orElse(MatchingConfig.DEFAULT);
    }

    private void note(String format, Object... args) {
        progress.println("bench-engine: " + String.format(Locale.ROOT, format, args));
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
