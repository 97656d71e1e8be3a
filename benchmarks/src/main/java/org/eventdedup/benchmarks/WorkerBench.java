package org.eventdedup.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.generator.DataSetFiles;
import org.eventdedup.generator.SyntheticDataGenerator;
import org.eventdedup.generator.SyntheticFile;
import org.eventdedup.generator.SyntheticListing;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.query.CanonicalEventSearch;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunSummary;

/**
 * The {@code bench-worker} command: the worker's performance targets, measured through the real
 * {@link PipelineRun} on a scratch database created on the server of {@code EVENT_DEDUP_DATABASE_URL} (dropped
 * afterwards).
 *
 * <p>The worker part runs in a child JVM with {@code -Xmx512m}: it streams generated files into the queue and runs
 * the pipeline in batches (untimed) until the store holds {@code store / 10} listings, times three batches of
 * {@code --batch} new listings (queue offer to committed canonicals), preloads on to {@code store} listings, times
 * three more batches, then saves a config change and times the full re-match over the whole store while a sampler
 * records the peak heap in use. The child is this command again ({@code bench-worker --child}) on the host's main
 * class, pointed at the scratch database. The parent prints the report.
 */
public final class WorkerBench {

    static final String USAGE = "usage: bench-worker [--store N] [--batch N] [--seed S] [--config FILE] "
            + "[--lexicon DIR] [--json]";
    static final double BATCH_TARGET_MS = 3_000;
    static final double RATIO_TARGET = 1.5;
    static final long HEAP_LIMIT_MIB = ChildJvm.HEAP_LIMIT_MIB;
    private static final int PRELOAD_CHUNK = 5_000;
    private static final int TIMED_BATCHES = 3;
    private static final String CHILD = "--child";

    record Options(int store, int batch, long seed, Path config, Path lexicon, boolean json) {
        static Options parse(List<String> args) {
            int store = 100_000;
            int batch = 1_000;
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
                if (!List.of("--store", "--batch", "--seed", "--config", "--lexicon").contains(option)) {
                    throw new IllegalArgumentException("unknown option \"" + option + "\" (" + USAGE + ")");
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(option + " needs a value (" + USAGE + ")");
                }
                String value = args.get(++i);
                switch (option) {
                    case "--store" -> store = (int) BenchOptions.wholeNumber(option, value, 1_000, 1_000_000);
                    case "--batch" -> batch = (int) BenchOptions.wholeNumber(option, value, 1, 100_000);
                    case "--seed" -> seed = BenchOptions.wholeNumber(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                    case "--config" -> config = Path.of(value);
                    default -> lexicon = Path.of(value);
                }
            }
            if (store / 10 < 1 || (long) store + TIMED_BATCHES * (long) batch > SyntheticDataGenerator.MAX_LISTINGS) {
                throw new IllegalArgumentException("--store and --batch are out of range (" + USAGE + ")");
            }
            return new Options(store, batch, seed, config, lexicon, json);
        }


        List<String> asArgs() {
            return List.of("--store", Integer.toString(store), "--batch", Integer.toString(batch), "--seed",
                    Long.toString(seed), "--config", config.toString(), "--lexicon", lexicon.toString());
        }
    }

    private WorkerBench() {
    }

    /** The command: exit code 0 with the report (a missed target is a finding), 2 for bad usage, 1 on failure. */
    public static int run(List<String> args, BenchmarkHost host, PrintStream out, PrintStream err)
            throws InterruptedException {
        boolean child = !args.isEmpty() && args.get(0).equals(CHILD);
        Options options;
        try {
            options = Options.parse(child ? args.subList(1, args.size()) : args);
        } catch (IllegalArgumentException e) {
            err.println("event-dedup: bench-worker: " + e.getMessage());
            return 2;
        }
        if (child) {
            return runAsChild(host, options, out, err);
        }
        Optional<BenchmarkHost.ScratchServer> found = ChildJvm.scratchServer(host, "bench-worker", options.config(),
                err);
        if (found.isEmpty()) {
            return 2;
        }
        BenchmarkHost.ScratchServer server = found.get();
        double loadBefore = ChildJvm.loadAverage();
        try (BenchmarkHost.ScratchDatabase scratch = server.create("worker")) {
            err.printf(Locale.ROOT, "bench-worker: child JVM -Xmx%dm, store %,d (and %,d), batches of %,d%n",
                    HEAP_LIMIT_MIB, options.store(), options.store() / 10, options.batch());
            List<String> childArgs = new ArrayList<>(List.of(CHILD));
            childArgs.addAll(options.asArgs());
            ObjectNode report = (ObjectNode) ChildJvm.run(host.mainClass(), scratch, "bench-worker", childArgs);
            ChildJvm.describeMachine(report, loadBefore);
            out.print(options.json() ? report.toString() + System.lineSeparator() : table(report));
            return 0;
        } catch (RuntimeException | IOException e) {
            err.println("event-dedup: bench-worker failed: " + e.getMessage());
            return 1;
        }
    }

    static String table(JsonNode r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Worker benchmark: %d CPUs, %s, load average %.2f before, %.2f after%n",
                r.path("cpus").asInt(), r.path("java").asText(), r.path("load_before").asDouble(),
                r.path("load_after").asDouble()));
        b.append(String.format(Locale.ROOT, "  child JVM -Xmx%dm; preload through PipelineRun in batches of %,d"
                        + " (untimed): %,d listings in %.1f s%n", r.path("heap_limit_mib").asLong(), PRELOAD_CHUNK,
                r.path("preloaded").asLong(), r.path("preload_ms").asDouble() / 1000));
        for (String size : List.of("small", "large")) {
            JsonNode s = r.path(size);
            b.append(String.format(Locale.ROOT, "  batch of %,d new listings into a store of %,d: median %.0f ms"
                            + " (runs %s ms)%n", r.path("batch").asInt(), s.path("store").asLong(),
                    s.path("median_ms").asDouble(), s.path("runs_ms").toString()));
        }
        double large = r.path("large").path("median_ms").asDouble();
        double ratio = r.path("ratio").asDouble();
        b.append(String.format(Locale.ROOT, "  at %,d: %.0f ms (target < %.0f ms: %s)%n",
                r.path("large").path("store").asLong(), large, BATCH_TARGET_MS, met(large < BATCH_TARGET_MS)));
        b.append(String.format(Locale.ROOT, "  ratio %,d : %,d = %.2f (target <= %.1f: %s)%n",
                r.path("large").path("store").asLong(), r.path("small").path("store").asLong(), ratio, RATIO_TARGET,
                met(ratio <= RATIO_TARGET)));
        JsonNode full = r.path("rematch");
        b.append(String.format(Locale.ROOT, "  full re-match after a config change over %,d listings: %.1f s"
                        + " (%,d pairs, %,d canonical events)%n", full.path("store").asLong(),
                full.path("ms").asDouble() / 1000, full.path("pairs").asLong(), full.path("canonicals").asLong()));
        long peak = full.path("peak_heap_used_mib").asLong();
        b.append(String.format(Locale.ROOT, "  peak heap in use during the re-match %d MiB (sampled every 20 ms;"
                        + " pool peaks %d MiB), limit %d MiB: %s%n", peak, full.path("pool_peak_mib").asLong(),
                HEAP_LIMIT_MIB, met(peak < HEAP_LIMIT_MIB)));
        b.append(String.format(Locale.ROOT, "  peak heap in use over the whole child run %d MiB%n",
                r.path("peak_heap_used_mib_overall").asLong()));
        return b.toString();
    }

    private static String met(boolean met) {
        return met ? "met" : "MISSED";
    }

    // --- the child JVM ----------------------------------------------------------------------------------------------

    /** The child's side ({@code bench-worker --child <options>}): prints one JSON line on stdout. */
    private static int runAsChild(BenchmarkHost host, Options options, PrintStream out, PrintStream err) {
        HeapSampler overall = new HeapSampler().start();
        try (BenchmarkHost.Worker worker = host.openWorker(options.config(), options.lexicon())) {
            ObjectNode result = new Child(worker, options).run();
            result.put("peak_heap_used_mib_overall", overall.stop() / (1024 * 1024));
            out.println(result);
            return 0;
        } catch (RuntimeException | IOException e) {
            err.println("event-dedup: bench-worker failed: " + e.getMessage());
            return 1;
        }
    }

    private static final class Child implements SyntheticDataGenerator.FileSink {
        private final Options options;
        private final BenchmarkHost.Worker worker;
        private final PipelineRun pipeline;
        private final IngestionQueue queue;
        private final ObjectMapper json = new ObjectMapper();
        private final List<SyntheticFile> pending = new ArrayList<>();
        /** Each step: a number of listings, timed or not; taken in order. */
        private final List<int[]> steps = new ArrayList<>();
        private final List<Double> smallRuns = new ArrayList<>();
        private final List<Double> largeRuns = new ArrayList<>();
        private final List<Long> smallStores = new ArrayList<>();
        private final List<Long> largeStores = new ArrayList<>();
        private int step;
        private int pendingCount;
        private long stored;
        private long preloaded;
        private long preloadNanos;
        private int chunkNumber;
        /** The stage timings of the last run, printed with a timed batch: the profile of a batch. */
        private Map<String, Long> lastTimings = Map.of();

        Child(BenchmarkHost.Worker worker, Options options) {
            this.options = options;
            this.worker = worker;
            this.pipeline = worker.pipeline();
            this.queue = worker.queue();
            int small = options.store() / 10;
            plan(small, false);
            for (int i = 0; i < TIMED_BATCHES; i++) {
                steps.add(new int[] {options.batch(), 1});
            }
            plan(options.store() - small - TIMED_BATCHES * options.batch(), false);
            for (int i = 0; i < TIMED_BATCHES; i++) {
                steps.add(new int[] {options.batch(), 2});
            }
        }

        private void plan(int listings, boolean timed) {
            for (int left = listings; left > 0; left -= PRELOAD_CHUNK) {
                steps.add(new int[] {Math.min(PRELOAD_CHUNK, left), timed ? 1 : 0});
            }
        }

        ObjectNode run() throws IOException {
            int total = steps.stream().mapToInt(s -> s[0]).sum();
            progress("generating %,d listings (seed %d) and feeding them to the pipeline", total, options.seed());
            new SyntheticDataGenerator(total, options.seed()).generate(this);
            if (pendingCount > 0) {
                flush();
            }
            ObjectNode result = json.createObjectNode();
            result.put("heap_limit_mib", HEAP_LIMIT_MIB);
            result.put("batch", options.batch());
            result.put("preloaded", preloaded);
            result.put("preload_ms", preloadNanos / 1e6);
            ObjectNode small = sizeNode(result.putObject("small"), smallStores, smallRuns);
            ObjectNode large = sizeNode(result.putObject("large"), largeStores, largeRuns);
            result.put("ratio", large.path("median_ms").asDouble() / small.path("median_ms").asDouble());
            result.set("rematch", rematch());
            return result;
        }

        private ObjectNode sizeNode(ObjectNode node, List<Long> stores, List<Double> runs) {
            node.put("store", stores.isEmpty() ? 0 : stores.get(0));
            ArrayNode list = node.putArray("runs_ms");
            runs.forEach(ms -> list.add(Math.round(ms)));
            node.put("median_ms", median(runs));
            return node;
        }

        @Override
        public void accept(SyntheticFile file) {
            List<SyntheticListing> listings = file.listings();
            int i = 0;
            while (i < listings.size() && step < steps.size()) {
                int take = Math.min(steps.get(step)[0] - pendingCount, listings.size() - i);
                pending.add(new SyntheticFile(file.source(), file.published(), file.processedAt(),
                        listings.subList(i, i + take)));
                pendingCount += take;
                i += take;
                if (pendingCount == steps.get(step)[0]) {
                    flush();
                }
            }
        }

        /** Offers the pending files and runs the pipeline until the queue is empty. */
        private void flush() {
            int kind = steps.get(step)[1];
            long storeBefore = stored;
            long t0 = System.nanoTime();
            for (SyntheticFile file : pending) {
                byte[] bytes = DataSetFiles.toBytes(file);
                IngestionQueue.Offer offer = queue.offer(file.name(), InputFileParser.sourceCode(file.name()),
                        "bench", null, bytes);
                if (offer.outcome() != IngestionQueue.Outcome.QUEUED) {
                    throw new IllegalStateException("generated file " + file.name() + " was not queued: "
                            + offer.outcome());
                }
            }
            long ingested = 0;
            while (true) {
                Optional<RunSummary> run = pipeline.runOnce();
                if (run.isEmpty()) {
                    break;
                }
                if (!run.get().completed()) {
                    throw new IllegalStateException("a pipeline run failed: " + run.get().error());
                }
                ingested += run.get().count("ingested");
                lastTimings = run.get().timings();
            }
            long nanos = System.nanoTime() - t0;
            if (ingested != pendingCount) {
                throw new IllegalStateException("expected " + pendingCount + " listings ingested, got " + ingested);
            }
            stored += ingested;
            if (kind == 0) {
                preloaded += ingested;
                preloadNanos += nanos;
                if (++chunkNumber % 4 == 0 || stored >= options.store() / 10 && stored < options.store() / 10
                        + PRELOAD_CHUNK) {
                    progress("preloaded: store holds %,d listings (%.1f s so far)", stored, preloadNanos / 1e9);
                }
            } else {
                (kind == 1 ? smallRuns : largeRuns).add(nanos / 1e6);
                (kind == 1 ? smallStores : largeStores).add(storeBefore);
                progress("timed batch of %,d new listings into a store of %,d: %.0f ms; stages (ms) %s", ingested,
                        storeBefore, nanos / 1e6, lastTimings);
            }
            pending.clear();
            pendingCount = 0;
            step++;
        }

        private ObjectNode rematch() {
            worker.configService().update(new UpdateConfigCommand(Map.of("thresholds", Map.of("high", 0.99)),
                    ApiKeyChange.KEEP, Precondition.NONE, "bench-worker"));
            System.gc();
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            progress("config saved (thresholds.high 0.99): full re-match over %,d listings", stored);
            HeapSampler sampler = new HeapSampler().start();
            long t0 = System.nanoTime();
            RunSummary run = pipeline.runOnce().orElseThrow(() -> new IllegalStateException("no re-match run"));
            long nanos = System.nanoTime() - t0;
            long peak = sampler.stop();
            if (!run.completed() || !"full".equals(run.mode())) {
                throw new IllegalStateException("the re-match run did not complete as full: " + run.error());
            }
            long poolPeak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            progress("full re-match: %.1f s, peak heap in use %d MiB", nanos / 1e9, peak / (1024 * 1024));
            ObjectNode node = json.createObjectNode();
            node.put("store", stored);
            node.put("ms", nanos / 1e6);
            node.put("config_version", run.configVersion());
            node.put("pairs", run.count("pairs"));
            node.put("match", run.count("match"));
            long canonicals = worker.canonicalEvents().search(new CanonicalEventSearch(null, null, null, null, 1, 0))
                    .total();
            node.put("canonicals", canonicals);
            node.put("peak_heap_used_mib", peak / (1024 * 1024));
            node.put("pool_peak_mib", poolPeak / (1024 * 1024));
            return node;
        }

        private static void progress(String format, Object... args) {
            System.err.printf(Locale.ROOT, "bench-worker: " + format + "%n", args);
        }
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
