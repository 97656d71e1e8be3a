package org.eventdedup.app.bench;

import org.eventdedup.worker.port.GroundTruthStore;
import org.eventdedup.worker.adapter.persistence.JdbiPreviewSamples;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eventdedup.app.generate.DataSetFiles;
import org.eventdedup.app.generate.SyntheticDataGenerator;
import org.eventdedup.app.generate.SyntheticFile;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.config.adapter.secret.FernetKeyRing;
import org.eventdedup.config.adapter.secret.FernetSecretCipher;
import org.eventdedup.config.adapter.yaml.YamlConfigFileReader;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.pipeline.MatchingPipeline;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.adapter.files.YamlLexiconLoader;
import org.eventdedup.worker.adapter.persistence.JdbiGroundTruthStore;
import org.eventdedup.worker.preview.ImpactPreview;
import org.eventdedup.worker.preview.ImpactReport;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunCheckpoint;
import org.eventdedup.worker.run.RunSummary;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.adapter.persistence.ListingJson;

/**
 * {@code bench-preview [--store N] [--listings N] [--rounds R] [--json]}: the impact preview's 2 s target (issue 7).
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

    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (RuntimeException e) {
            err.println("event-dedup: bench-preview: " + e.getMessage());
            return 2;
        }
        Optional<DatabaseSettings> server = ScratchDatabase.server("bench-preview", environment, err);
        if (server.isEmpty()) {
            return 2;
        }
        Path config = Path.of("config/matching.yaml");
        if (!Files.isRegularFile(config)) {
            err.println("event-dedup: bench-preview: no config file " + config + " (run from the project root)");
            return 2;
        }
        try (ScratchDatabase scratch = ScratchDatabase.create(server.get(), "preview");
             PersistenceModule persistence = PersistenceModule.connect(scratch.settings())) {
            persistence.migrate();
            ObjectNode report = measure(persistence, options, config, err);
            out.print(options.json() ? report + System.lineSeparator() : table(report));
            return 0;
        } catch (RuntimeException | IOException e) {
            err.println("event-dedup: bench-preview failed: " + e.getMessage());
            return 1;
        }
    }

    private static ObjectNode measure(PersistenceModule persistence, Options options, Path config, PrintStream err)
            throws IOException {
        var jdbi = persistence.jdbi();
        ConfigService configService = new ConfigService(persistence.configRepository(),
                new FernetSecretCipher(FernetKeyRing.parse(FernetKey.generate())),
                new YamlConfigFileReader().read(config).orElse(null), null, Clock.systemUTC());
        Lexicon lexicon = new YamlLexiconLoader().loadFrom(config.toAbsolutePath().getParent());
        Path deadLetters = Files.createTempDirectory("bench-preview-dead");
        PipelineRun pipeline = new PipelineRun(new JdbiPipelineTransactions(jdbi), configService, lexicon, null,
                new DeadLetterDirectory(deadLetters), RunCheckpoint.NONE, Clock.systemUTC());
        IngestionQueue queue = new JdbiIngestionQueue(jdbi);

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
        Set<IdPair> pairs = new HashSet<>();
        Set<String> labelled = new HashSet<>();
        generated.truth().forEachPair((a, b) -> pairs.add(IdPair.of(a, b)));
        generated.truth().forEachEntity((entity, ids) -> labelled.addAll(ids));
        GroundTruthStore.Imported imported = new JdbiGroundTruthStore(jdbi).replace(
                new GroundTruth(pairs, labelled, 0), "bench");
        err.printf(Locale.ROOT, "bench-preview: stored in %.1f s; ground truth %,d pairs over %,d listings%n",
                (System.nanoTime() - t0) / 1e9, imported.pairs(), imported.listings());

        int threads = Runtime.getRuntime().availableProcessors();
        ImpactPreview preview = new ImpactPreview(new JdbiPreviewSamples(jdbi), configService, lexicon, threads);
        Map<String, Object> patch = Map.of("thresholds", Map.of("high", 0.70));
        List<Double> previewMs = new ArrayList<>();
        List<Double> baselineMs = new ArrayList<>();
        ImpactReport last = null;
        List<Listing> sample = jdbi.withHandle(h -> h.createQuery("""
                        SELECT listing::text FROM source_events ORDER BY ingestion_order DESC, id LIMIT :n""")
                .bind("n", options.listings()).map((rs, ctx) -> ListingJson.read(rs.getString(1))).list());
        var current = configService.load().config();
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
