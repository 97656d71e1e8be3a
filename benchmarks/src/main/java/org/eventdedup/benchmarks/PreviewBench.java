package org.eventdedup.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eventdedup.generator.DataSetFiles;
import org.eventdedup.generator.SyntheticDataGenerator;
import org.eventdedup.generator.SyntheticFile;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.pipeline.MatchingPipeline;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.port.GroundTruthStore;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.preview.ImpactPreview;
import org.eventdedup.worker.preview.ImpactReport;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunSummary;

/**
 * {@code bench-preview [--store N] [--listings N] [--rounds R] [--json]}: the impact preview's 2 s target.
 * On a scratch database (created on the server of {@code EVENT_DEDUP_DATABASE_URL}, dropped afterwards) it stores
 * {@code --store} generated listings through the real pipeline, imports their truth as ground truth, then times
 * {@link ImpactPreview#preview} of {@code thresholds.high} 0.70 over the most recent {@code --listings} listings.
 * Baseline, measured in the same process on the same sample: one engine run with the current config on listings
 * already in memory (what a preview does at least twice, plus reading, scoring against the truth and diffing).
 */
public final class PreviewBench {

    static final String USAGE = "usage: bench-preview [--store N] [--listings N] [--rounds R] [--seed S] [--json]";
    static final double TARGET_MS = 2_000;
    private static final int WARMUP_ROUNDS = 2;

    record Options(int store, int listings, int rounds, long seed, boolean json) {
        static Options parse(List<String> args) {
            int store = ImpactPreview.DEFAULT_LISTINGS;
            int listings = ImpactPreview.DEFAULT_LISTINGS;
            int rounds = 5;
            long seed = 1;
            boolean json = false;
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                if (option.equals("--json")) {
                    json = true;
                    continue;
                }
                if (!List.of("--store", "--listings", "--rounds", "--seed").contains(option)) {
                    throw new IllegalArgumentException("unknown option \"" + option + "\" (" + USAGE + ")");
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(option + " needs a value (" + USAGE + ")");
                }
                String value = args.get(++i);
                switch (option) {
                    case "--store" -> store = (int) BenchOptions.wholeNumber(option, value, 1, 200_000);
                    case "--listings" -> listings = (int) BenchOptions.wholeNumber(option, value, 1, ImpactPreview.MAX_LISTINGS);
                    case "--rounds" -> rounds = (int) BenchOptions.wholeNumber(option, value, 1, 100);
                    default -> seed = BenchOptions.wholeNumber(option, value, Long.MIN_VALUE, Long.MAX_VALUE);
                }
            }
            return new Options(store, listings, rounds, seed, json);
        }

    }

    private PreviewBench() {
    }

    public static int run(List<String> args, BenchmarkHost host, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (RuntimeException e) {
            err.println("event-dedup: bench-preview: " + e.getMessage());
            return 2;
        }
        BenchmarkHost.ScratchServer server;
        try {
            server = host.scratchServer("bench-preview");
        } catch (BenchmarkHost.UnavailableException e) {
            err.println("event-dedup: " + e.getMessage());
            return 2;
        }
        Path config = Path.of("config/matching.yaml");
        if (!Files.isRegularFile(config)) {
            err.println("event-dedup: bench-preview: no config file " + config + " (run from the project root)");
            return 2;
        }
        try (BenchmarkHost.ScratchDatabase scratch = server.create("preview");
             BenchmarkHost.Worker worker = scratch.openWorker(config, config.toAbsolutePath().getParent())) {
            ObjectNode report = measure(worker, options, err);
            out.print(options.json() ? report + System.lineSeparator() : table(report));
            return 0;
        } catch (RuntimeException | IOException e) {
            err.println("event-dedup: bench-preview failed: " + e.getMessage());
            return 1;
        }
    }

    private static ObjectNode measure(BenchmarkHost.Worker worker, Options options, PrintStream err)
            throws IOException {
        Lexicon lexicon = worker.lexicon();
        PipelineRun pipeline = worker.pipeline();
        IngestionQueue queue = worker.queue();

        err.printf(Locale.ROOT, "bench-preview: storing %,d generated listings (seed %d)%n", options.store(),
                options.seed());
        long t0 = System.nanoTime();
        var generated = new SyntheticDataGenerator(options.store(), options.seed()).generate((SyntheticFile file) -> {
            queue.offer(file.name(), InputFileParser.sourceCode(file.name()), "bench", null,
                    DataSetFiles.toBytes(file));
        });
        while (true) {
            Optional<RunSummary> run = pipeline.runOnce();
            if (run.isEmpty()) {
                break;
            }
            if (!run.get().completed()) {
                throw new IllegalStateException("a pipeline run failed: " + run.get().error());
            }
        }
        // the baseline's sample: the most recent listings, read while no truth is stored (the preview's sample
        // adds the listings of the stored same-event pairs), in ingestion order, most recent first
        List<Listing> sample = worker.previewSamples().read(options.listings(), List.of()).listings().stream()
                .sorted(Comparator.comparingLong(Listing::ingestionOrder).reversed().thenComparing(Listing::id))
                .toList();
        Set<IdPair> pairs = new HashSet<>();
        Set<String> labelled = new HashSet<>();
        generated.truth().forEachPair((a, b) -> pairs.add(IdPair.of(a, b)));
        generated.truth().forEachEntity((entity, ids) -> labelled.addAll(ids));
        GroundTruthStore.Imported imported = worker.groundTruth().replace(
                new GroundTruth(pairs, labelled, 0), "bench");
        err.printf(Locale.ROOT, "bench-preview: stored in %.1f s; ground truth %,d pairs over %,d listings%n",
                (System.nanoTime() - t0) / 1e9, imported.pairs(), imported.listings());

        int threads = Runtime.getRuntime().availableProcessors();
        ImpactPreview preview = new ImpactPreview(worker.previewSamples(), worker.configService(), lexicon, threads);
        Map<String, Object> patch = Map.of("thresholds", Map.of("high", 0.70));
        List<Double> previewMs = new ArrayList<>();
        List<Double> baselineMs = new ArrayList<>();
        ImpactReport last = null;
        var current = worker.configService().load().config();
        MatchingPipeline engine = new MatchingPipeline(lexicon, null, threads);
        for (int round = 0; round < WARMUP_ROUNDS + options.rounds(); round++) {
            long b0 = System.nanoTime();
            engine.run(sample, current, null);
            double baseline = (System.nanoTime() - b0) / 1e6;
            long p0 = System.nanoTime();
            last = preview.preview(patch, options.listings());
            double took = (System.nanoTime() - p0) / 1e6;
            if (round >= WARMUP_ROUNDS) {
                baselineMs.add(baseline);
                previewMs.add(took);
                err.printf(Locale.ROOT, "bench-preview: round %d: preview %.0f ms, baseline %.0f ms%n",
                        round - WARMUP_ROUNDS + 1, took, baseline);
            }
        }
        ObjectNode report = new ObjectMapper().createObjectNode();
        report.put("store", options.store());
        report.put("sample_listings", last.sample().listings());
        report.put("candidate_pairs", last.sample().candidatePairs());
        report.put("labelled_pairs", last.sample().labelledPairs());
        report.put("flips", last.flips().total());
        report.put("preview_median_ms", WorkerBench.median(previewMs));
        report.put("preview_max_ms", previewMs.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        report.put("baseline_median_ms", WorkerBench.median(baselineMs));
        report.put("ratio", WorkerBench.median(previewMs) / WorkerBench.median(baselineMs));
        report.put("target_ms", TARGET_MS);
        report.put("target_met", WorkerBench.median(previewMs) <= TARGET_MS);
        report.put("cpus", threads);
        report.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return report;
    }

    static String table(ObjectNode r) {
        return String.format(Locale.ROOT, """
                        Impact preview (thresholds.high 0.70) on %,d of %,d stored listings: %,d candidate pairs, \
                        %,d labelled pairs, %,d flips
                          preview   median %,.0f ms, max %,.0f ms  (target ≤ %,.0f ms: %s)
                          baseline  median %,.0f ms  (one engine run, current config, listings in memory)
                          ratio     %.2f × baseline   (%d cpus, %s)
                        """, r.path("sample_listings").asInt(), r.path("store").asInt(),
                r.path("candidate_pairs").asLong(), r.path("labelled_pairs").asInt(), r.path("flips").asInt(),
                r.path("preview_median_ms").asDouble(), r.path("preview_max_ms").asDouble(), TARGET_MS,
                r.path("target_met").asBoolean() ? "met" : "MISSED", r.path("baseline_median_ms").asDouble(),
                r.path("ratio").asDouble(), r.path("cpus").asInt(), r.path("java").asText());
    }
}
