package org.eventdedup.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.generator.DataSetFiles;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.query.CanonicalEventSearch;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunSummary;

/**
 * The {@code bench-rematch} command: how long operators wait for the worker, as ratios against {@code match} on the
 * same files, measured in the same run.
 *
 * <ol>
 *   <li>Baseline: {@code match --input DIR --output FILE} in a child JVM (default heap), wall time including the JVM
 *       start, parsing and writing the result — what the engine needs for the whole job.</li>
 *   <li>Ingest: a child JVM with {@code -Xmx512m} on a scratch database offers every file to the ingestion queue (what
 *       the watched folder does with a file) and runs the pipeline until the queue is empty; wall time from the
 *       first offer to the last committed run.</li>
 *   <li>Re-match: the same child saves a config change ({@code thresholds.high}, as an operator would) and runs
 *       the pipeline once: a full re-match; wall time from the save to the committed run.</li>
 *   <li>No-op re-match: a second save that changes nothing the decisions depend on ({@code ai.max_output_tokens})
 *       and one more full re-match, which must write no decision and no canonical event.</li>
 * </ol>
 * A sampler records the child's peak heap in use throughout.
 */
public final class RematchBench {

    static final String USAGE = "usage: bench-rematch [--listings N] [--seed S] [--high X] [--config FILE] "
            + "[--lexicon DIR] [--json]";
    static final double RATIO_TARGET = 2.0;
    static final long HEAP_LIMIT_MIB = ChildJvm.HEAP_LIMIT_MIB;
    private static final String CHILD = "--child";

    record Options(int listings, long seed, double high, Path config, Path lexicon, boolean json, Path input) {
        static Options parse(List<String> args) {
            int listings = 50_000;
            long seed = 1;
            double high = 0.70;
            Path config = Path.of("config/matching.yaml");
            Path lexicon = Path.of("config");
            boolean json = false;
            Path input = null;
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                if (option.equals("--json")) {
                    json = true;
                    continue;
                }
                if (!List.of("--listings", "--seed", "--high", "--config", "--lexicon", "--input").contains(option)) {
                    throw new IllegalArgumentException("unknown option \"" + option + "\" (" + USAGE + ")");
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(option + " needs a value (" + USAGE + ")");
                }
                String value = args.get(++i);
                switch (option) {
                    case "--listings" -> listings = (int) BenchOptions.wholeNumber(option, value, 100, 1_000_000);
                    case "--seed" -> seed = BenchOptions.wholeNumber(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                    case "--high" -> high = fraction(option, value);
                    case "--config" -> config = Path.of(value);
                    case "--lexicon" -> lexicon = Path.of(value);
                    default -> input = Path.of(value);
                }
            }
            return new Options(listings, seed, high, config, lexicon, json, input);
        }

        private static double fraction(String option, String value) {
            try {
                double x = Double.parseDouble(value.strip());
                if (x > 0 && x <= 1) {
                    return x;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a number in (0, 1], got \"" + value + "\"");
        }

        List<String> childArgs(Path inputFolder) {
            return List.of(CHILD, "--listings", Integer.toString(listings), "--high", Double.toString(high),
                    "--config", config.toString(), "--lexicon", lexicon.toString(), "--input", inputFolder.toString());
        }
    }

    private RematchBench() {
    }

    /** The command: exit 0 with the report (a missed target is a finding), 2 for bad usage, 1 on failure. */
    public static int run(List<String> args, BenchmarkHost host, PrintStream out, PrintStream err)
            throws InterruptedException {
        boolean child = !args.isEmpty() && args.get(0).equals(CHILD);
        Options options;
        try {
            options = Options.parse(child ? args.subList(1, args.size()) : args);
        } catch (IllegalArgumentException e) {
            err.println("event-dedup: bench-rematch: " + e.getMessage());
            return 2;
        }
        if (child) {
            return runAsChild(host, options, out, err);
        }
        Optional<BenchmarkHost.ScratchServer> found = ChildJvm.scratchServer(host, "bench-rematch",
                options.config(), err);
        if (found.isEmpty()) {
            return 2;
        }
        BenchmarkHost.ScratchServer server = found.get();
        double loadBefore = ChildJvm.loadAverage();
        Path work = null;
        try {
            work = Files.createTempDirectory("bench-rematch");
            err.printf(Locale.ROOT, "bench-rematch: generating %,d listings (seed %d)%n", options.listings(),
                    options.seed());
            DataSetFiles.write(options.listings(), options.seed(), work);
            Path input = work.resolve(DataSetFiles.INPUT_FOLDER);
            double matchBefore = timeMatch(host.mainClass(), options, input, work.resolve("match.json"), err);
            ObjectNode report;
            try (BenchmarkHost.ScratchDatabase scratch = server.create("rematch")) {
                report = (ObjectNode) ChildJvm.run(host.mainClass(), scratch, "bench-rematch",
                        options.childArgs(input));
            }
            // the baseline again after the worker: on a shared machine the load drifts during the minutes between,
            // and the mean of both is fairer to either side than one of them
            double matchAfter = timeMatch(host.mainClass(), options, input, work.resolve("match.json"), err);
            double matchMs = (matchBefore + matchAfter) / 2;
            report.put("listings", options.listings());
            report.put("match_ms", matchMs);
            report.put("match_ms_before", matchBefore);
            report.put("match_ms_after", matchAfter);
            report.put("ingest_ratio", report.path("ingest").path("ms").asDouble() / matchMs);
            report.put("rematch_ratio", report.path("rematch").path("ms").asDouble() / matchMs);
            ChildJvm.describeMachine(report, loadBefore);
            out.print(options.json() ? report + System.lineSeparator() : table(report));
            return 0;
        } catch (RuntimeException | IOException e) {
            err.println("event-dedup: bench-rematch failed: " + e.getMessage());
            return 1;
        } finally {
            deleteTree(work);
        }
    }

    /** {@code match} on the files in a child JVM of its own: wall time in ms, JVM start included. */
    private static double timeMatch(String mainClass, Options options, Path input, Path output, PrintStream err)
            throws IOException, InterruptedException {
        List<String> command = List.of(ChildJvm.java(), "-cp", System.getProperty("java.class.path"), mainClass, "match",
                "--input", input.toString(), "--output", output.toString(), "--config", options.config().toString(),
                "--lexicon", options.lexicon().toString());
        err.println("bench-rematch: baseline: match on the same files in a child JVM");
        long t0 = System.nanoTime();
        Process match = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!match.waitFor(1, TimeUnit.HOURS) || match.exitValue() != 0) {
            match.destroyForcibly();
            throw new IllegalStateException("the baseline match failed (exit "
                    + (match.isAlive() ? "none" : Integer.toString(match.exitValue())) + ")");
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        err.printf(Locale.ROOT, "bench-rematch: match: %.1f s%n", ms / 1000);
        return ms;
    }

    static String table(JsonNode r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Re-match benchmark: %,d listings, %d CPUs, %s, load average %.2f before,"
                        + " %.2f after%n", r.path("listings").asInt(), r.path("cpus").asInt(), r.path("java").asText(),
                r.path("load_before").asDouble(), r.path("load_after").asDouble()));
        double match = r.path("match_ms").asDouble();
        b.append(String.format(Locale.ROOT, "  baseline: match on the files (child JVM, JVM start included): %.1f s"
                        + " (mean of %.1f s before and %.1f s after the worker)%n", match / 1000,
                r.path("match_ms_before").asDouble(match) / 1000, r.path("match_ms_after").asDouble(match) / 1000));
        JsonNode ingest = r.path("ingest");
        b.append(String.format(Locale.ROOT, "  ingest %,d files through the queue (-Xmx%dm): %.1f s in %d runs,"
                        + " ratio %.2f (target <= %.1f: %s)%n", ingest.path("files").asInt(), HEAP_LIMIT_MIB,
                ingest.path("ms").asDouble() / 1000, ingest.path("runs").asInt(), r.path("ingest_ratio").asDouble(),
                RATIO_TARGET, met(r.path("ingest_ratio").asDouble() <= RATIO_TARGET)));
        JsonNode rematch = r.path("rematch");
        b.append(String.format(Locale.ROOT, "  full re-match after saving thresholds.high %s: %.1f s (%,d pairs,"
                        + " %,d decisions written), ratio %.2f (target <= %.1f: %s)%n", rematch.path("high").asText(),
                rematch.path("ms").asDouble() / 1000, rematch.path("pairs").asLong(),
                rematch.path("decisions_written").asLong(), r.path("rematch_ratio").asDouble(), RATIO_TARGET,
                met(r.path("rematch_ratio").asDouble() <= RATIO_TARGET)));
        b.append("    stages (ms): ").append(rematch.path("timings")).append(System.lineSeparator());
        JsonNode noop = r.path("noop");
        long writes = noop.path("decisions_written").asLong() + noop.path("canonicals_written").asLong();
        b.append(String.format(Locale.ROOT, "  full re-match after a save that changes no decision: %.1f s,"
                        + " %,d decisions and %,d canonical events written (target 0: %s)%n",
                noop.path("ms").asDouble() / 1000, noop.path("decisions_written").asLong(),
                noop.path("canonicals_written").asLong(), met(writes == 0)));
        long peak = r.path("peak_heap_used_mib").asLong();
        b.append(String.format(Locale.ROOT, "  peak heap in use in the child (sampled every 20 ms): %d MiB, limit"
                + " %d MiB: %s%n", peak, HEAP_LIMIT_MIB, met(peak < HEAP_LIMIT_MIB)));
        return b.toString();
    }

    private static String met(boolean met) {
        return met ? "met" : "MISSED";
    }

    // --- the child JVM ----------------------------------------------------------------------------------------------

    private static int runAsChild(BenchmarkHost host, Options options, PrintStream out, PrintStream err) {
        HeapSampler heap = new HeapSampler().start();
        try (BenchmarkHost.Worker worker = host.openWorker(options.config(), options.lexicon())) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode result = json.createObjectNode();
            result.set("ingest", ingest(worker, options.input()));
            result.set("rematch", rematch(worker, Map.of("thresholds", Map.of("high", options.high()))));
            ((ObjectNode) result.get("rematch")).put("high", options.high());
            result.set("noop", rematch(worker, Map.of("ai", Map.of("max_output_tokens", 1234))));
            result.put("peak_heap_used_mib", heap.stop() / (1024 * 1024));
            out.println(result);
            return 0;
        } catch (RuntimeException | IOException e) {
            err.println("event-dedup: bench-rematch failed: " + e.getMessage());
            return 1;
        }
    }

    /** Every file offered to the queue, in publication order, then pipeline runs until the queue is empty. */
    private static ObjectNode ingest(BenchmarkHost.Worker worker, Path input) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(input)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing((Path p) -> datePart(p)).thenComparing(Path::toString)).toList();
        }
        progress("ingesting %,d files through the queue", files.size());
        PipelineRun pipeline = worker.pipeline();
        long t0 = System.nanoTime();
        // as the worker queues a folder's files: in batches of one transaction each
        worker.intake().offerFiles(files, queued -> {
            if (queued.result() == null || queued.result().status() != FileIntake.Status.QUEUED) {
                throw new IllegalStateException(queued.file() + " was not queued: "
                        + (queued.result() == null ? queued.unreadable() : queued.result().detail()));
            }
        });
        double queuedMs = (System.nanoTime() - t0) / 1e6;
        progress("queued %,d files in %.1f s", files.size(), queuedMs / 1000);
        long ingested = 0;
        int runs = 0;
        for (Optional<RunSummary> run = pipeline.runOnce(); run.isPresent(); run = pipeline.runOnce()) {
            if (!run.get().completed()) {
                throw new IllegalStateException("a pipeline run failed: " + run.get().error());
            }
            ingested += run.get().count("ingested");
            runs++;
            progress("run %d: %,d listings ingested (%,d pairs; events %,d created, %,d updated, %,d deleted);"
                            + " stages (ms) %s", runs, run.get().count("ingested"), run.get().count("pairs"),
                    run.get().count("canonicals_created"), run.get().count("canonicals_updated"),
                    run.get().count("canonicals_deleted"), run.get().timings());
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        progress("ingested %,d listings in %.1f s", ingested, ms / 1000);
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("files", files.size());
        node.put("listings", ingested);
        node.put("runs", runs);
        node.put("ms", ms);
        node.put("queue_ms", queuedMs);
        return node;
    }

    private static String datePart(Path file) {
        String name = file.getFileName().toString();
        int underscore = name.lastIndexOf('_');
        return underscore < 0 ? name : name.substring(underscore + 1);
    }

    /** Saves the change, then one pipeline run, which must be a full re-match; timed from the save to the commit. */
    private static ObjectNode rematch(BenchmarkHost.Worker worker, Map<String, Object> change) {
        progress("saving %s, then a full re-match", change);
        long t0 = System.nanoTime();
        worker.configService().update(new UpdateConfigCommand(change, ApiKeyChange.KEEP, Precondition.NONE,
                "bench-rematch"));
        RunSummary run = worker.pipeline().runOnce().orElseThrow(() -> new IllegalStateException("no re-match ran"));
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!run.completed() || !"full".equals(run.mode())) {
            throw new IllegalStateException("the re-match did not complete as full: " + run.error());
        }
        progress("full re-match: %.1f s; counts %s; stages (ms) %s", ms / 1000, run.counts(), run.timings());
        ObjectNode node = new ObjectMapper().createObjectNode();
        node.put("ms", ms);
        node.put("config_version", run.configVersion());
        node.put("pairs", run.count("pairs"));
        node.put("match", run.count("match"));
        node.put("decisions_written", run.count("decisions_written"));
        node.put("canonicals_written", run.count("canonicals_created") + run.count("canonicals_updated")
                + run.count("canonicals_deleted"));
        node.put("canonicals", worker.canonicalEvents().search(new CanonicalEventSearch(null, null, null, null, 1, 0))
                .total());
        node.set("timings", new ObjectMapper().valueToTree(run.timings()));
        return node;
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "bench-rematch: " + format + "%n", args);
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is no failure of the benchmark
        }
    }
}
