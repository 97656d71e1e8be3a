package org.eventdedup.worker.preview;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.in.ConfigCandidate;
import org.eventdedup.config.domain.port.in.PreviewConfigUseCase;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.matching.evaluation.PairMetrics;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.pipeline.MatchResult;
import org.eventdedup.matching.pipeline.MatchingPipeline;
import org.eventdedup.matching.text.CodePoints;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.worker.preview.ImpactReport.AiForecast;
import org.eventdedup.worker.preview.ImpactReport.Flip;
import org.eventdedup.worker.preview.ImpactReport.FlipGroup;
import org.eventdedup.worker.preview.ImpactReport.Flips;
import org.eventdedup.worker.preview.ImpactReport.ListingRef;
import org.eventdedup.worker.preview.ImpactReport.Outcome;
import org.eventdedup.worker.preview.ImpactReport.Quality;
import org.eventdedup.worker.preview.ImpactReport.Side;
import org.eventdedup.worker.port.PreviewSamples;
import org.eventdedup.worker.port.PreviewSamples.Sample;
import org.eventdedup.worker.port.PreviewSamples.TokenHistory;

/**
 * The impact preview: the engine run on a bounded sample of the stored listings with the current config
 * and with a candidate, side by side. Reads one consistent sample ({@link PreviewSamples}) and writes nothing; the AI tier runs with a
 * {@link RecordingResolver}, so Gemini is never called and the window's pairs are counted by the engine's own rule.
 *
 * <p>Sample: the most recent {@code N} listings (by ingestion order) plus both listings of every stored same-event
 * pair; each side compares whatever pairs of the sample its own blocking yields.
 */
public final class ImpactPreview {

    public static final int DEFAULT_LISTINGS = 5000;
    public static final int MAX_LISTINGS = 50_000;
    public static final int MAX_PAIRS_PER_GROUP = 100;
    public static final int BINS = 50;

    /**
     * Tokens per Gemini call assumed before any run has used the AI: the pair prompt (instructions plus two
     * listings) is about 650 input tokens, the JSON answer about 60 output tokens; thinking comes on top.
     */
    static final double ESTIMATED_INPUT_TOKENS = 650;
    static final double ESTIMATED_OUTPUT_TOKENS = 60;
    /** What a dynamic thinking budget (-1) is assumed to use per call. */
    static final double ESTIMATED_DYNAMIC_THINKING_TOKENS = 1000;

    /** Never sent anywhere: it only lets the engine's AI tier reach the recording resolver. */
    private static final SecretString NO_CALL_KEY = SecretString.of("preview-never-calls-gemini");

    private final PreviewSamples samples;
    private final PreviewConfigUseCase configs;
    private final Lexicon lexicon;
    private final int threads;

    public ImpactPreview(PreviewSamples samples, PreviewConfigUseCase configs, Lexicon lexicon, int threads) {
        this.samples = Objects.requireNonNull(samples, "samples");
        this.configs = Objects.requireNonNull(configs, "configs");
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
    }

    /**
     * @param patch    the document part of a PATCH body
     * @param listings N, from 1 to {@value #MAX_LISTINGS}
     * @throws org.eventdedup.config.domain.port.in.ConfigException VALIDATION_FAILED for an invalid candidate
     */
    public ImpactReport preview(Map<String, Object> patch, int listings) {
        if (listings < 1 || listings > MAX_LISTINGS) {
            throw new IllegalArgumentException("listings must be in [1, " + MAX_LISTINGS + "], was " + listings);
        }
        long start = System.nanoTime();
        ConfigCandidate configsToCompare = configs.candidate(patch);
        MatchingConfig current = configsToCompare.current().config();
        MatchingConfig candidate = configsToCompare.candidate();
        Sample snapshot = samples.read(listings, List.of(current.ai().model(), candidate.ai().model()));

        Run currentRun = run(snapshot.listings(), current);
        Run candidateRun = run(snapshot.listings(), candidate);

        Set<String> sampleIds = new HashSet<>(snapshot.listings().size() * 2);
        Map<String, Listing> byId = new HashMap<>(snapshot.listings().size() * 2);
        for (Listing listing : snapshot.listings()) {
            sampleIds.add(listing.id());
            byId.put(listing.id(), listing);
        }
        GroundTruth truth = snapshot.truth();
        Set<IdPair> truePairs = truth.restrictedTo(sampleIds);

        Side currentSide = side(configsToCompare.current().version(), current, currentRun, truth, truePairs,
                snapshot.tokens(current.ai().model()));
        Side candidateSide = side(null, candidate, candidateRun, truth, truePairs,
                snapshot.tokens(candidate.ai().model()));
        Flips flips = flips(currentRun.result().decisions(), candidateRun.result().decisions(), byId, truth);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new ImpactReport(new ImpactReport.Sample(snapshot.listings().size(), truePairs.size(),
                currentRun.result().stats().blockedPairs(), elapsed), currentSide, candidateSide, flips);
    }

    // ---- one side

    private record Run(MatchResult result, int pairsInWindow) {
    }

    /**
     * The engine as a pipeline run uses it, with the AI tier switched on for the recording resolver, which answers
     * nothing: decisions stay as the deterministic tiers made them, and the resolver counts the window's pairs.
     */
    private Run run(List<Listing> listings, MatchingConfig config) {
        RecordingResolver recorder = new RecordingResolver();
        MatchingConfig withWindow = config.withAi(config.ai().withEnabled(true));
        MatchResult result = new MatchingPipeline(lexicon, recorder, threads).run(listings, withWindow, NO_CALL_KEY);
        return new Run(result, recorder.asked());
    }

    private static Side side(Long version, MatchingConfig config, Run run, GroundTruth truth, Set<IdPair> truePairs,
                             TokenHistory tokens) {
        var stats = run.result().stats();
        int[] bins = new int[BINS];
        Set<IdPair> predicted = new HashSet<>();
        for (PairDecision d : run.result().decisions()) {
            int bin = (int) Math.floor(d.score() * BINS);
            bins[Math.max(0, Math.min(BINS - 1, bin))]++;
            if (d.decision() == Decision.MATCH) {
                IdPair pair = new IdPair(d.a(), d.b());
                if (truth.label(pair) != null) { // only pairs the truth or a label judges
                    predicted.add(pair);
                }
            }
        }
        Quality quality = null;
        if (!truth.isEmpty()) {
            PairMetrics metrics = PairMetrics.of(predicted, truePairs);
            quality = new Quality(metrics.precision(), metrics.recall(), metrics.f1(), truePairs.size());
        }
        List<Integer> histogram = new ArrayList<>(BINS);
        for (int count : bins) {
            histogram.add(count);
        }
        return new Side(version, stats.matchCount(), stats.ambiguousCount(), stats.noMatchCount(),
                stats.clusterCount() - stats.singletonCount(), stats.flaggedCount(), stats.canonicalCount(), quality,
                histogram, config.thresholds(), forecast(config.ai(), run.pairsInWindow(), tokens));
    }

    static AiForecast forecast(AiConfig ai, int pairsInWindow, TokenHistory history) {
        double input;
        double output;
        String source;
        if (history != null && history.calls() > 0) {
            input = (double) history.input() / history.calls();
            output = (double) history.output() / history.calls();
            source = "measured";
        } else {
            input = ESTIMATED_INPUT_TOKENS;
            output = ESTIMATED_OUTPUT_TOKENS + (ai.thinkingBudget() > 0 ? ai.thinkingBudget()
                    : ai.thinkingBudget() < 0 ? ESTIMATED_DYNAMIC_THINKING_TOKENS : 0);
            source = "estimate";
        }
        double cost = pairsInWindow * (input * ai.costPer1mInputTokens() + output * ai.costPer1mOutputTokens()) / 1e6;
        return new AiForecast(ai.enabled(), pairsInWindow, round(input, 1), round(output, 1), source, round(cost, 6));
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    // ---- flips

    /**
     * Walks both decision lists (each sorted by (a, b) in code-point order) together; a pair only one side compared
     * is {@code no_match} on the other.
     */
    static Flips flips(List<PairDecision> current, List<PairDecision> candidate, Map<String, Listing> byId,
                       GroundTruth truth) {
        Map<String, List<Flip>> byDirection = new LinkedHashMap<>();
        Map<String, Decision[]> directions = new HashMap<>();
        int i = 0;
        int j = 0;
        int total = 0;
        while (i < current.size() || j < candidate.size()) {
            PairDecision c = i < current.size() ? current.get(i) : null;
            PairDecision n = j < candidate.size() ? candidate.get(j) : null;
            int order = c == null ? 1 : n == null ? -1 : comparePairs(c, n);
            PairDecision left = order <= 0 ? c : null;
            PairDecision right = order >= 0 ? n : null;
            if (order <= 0) {
                i++;
            }
            if (order >= 0) {
                j++;
            }
            Decision from = left == null ? Decision.NO_MATCH : left.decision();
            Decision to = right == null ? Decision.NO_MATCH : right.decision();
            if (from == to) {
                continue;
            }
            total++;
            PairDecision any = left != null ? left : right;
            String key = from.jsonName() + ">" + to.jsonName();
            directions.putIfAbsent(key, new Decision[] {from, to});
            byDirection.computeIfAbsent(key, k -> new ArrayList<>()).add(new Flip(ref(byId, any.a()),
                    ref(byId, any.b()), outcome(left), outcome(right), truth.label(new IdPair(any.a(), any.b()))));
        }
        Comparator<Flip> significance = Comparator.<Flip>comparingInt(f -> f.labelled() == null ? 1 : 0)
                .thenComparing(Comparator.comparingDouble(ImpactPreview::scoreChange).reversed())
                .thenComparing(f -> f.a().id(), CodePoints.ORDER)
                .thenComparing(f -> f.b().id(), CodePoints.ORDER);
        List<FlipGroup> groups = new ArrayList<>();
        byDirection.forEach((key, flips) -> {
            flips.sort(significance);
            Decision[] direction = directions.get(key);
            groups.add(new FlipGroup(direction[0], direction[1], flips.size(),
                    flips.subList(0, Math.min(flips.size(), MAX_PAIRS_PER_GROUP))));
        });
        groups.sort(Comparator.comparingInt(FlipGroup::count).reversed()
                .thenComparing(g -> g.from().ordinal()).thenComparing(g -> g.to().ordinal()));
        return new Flips(total, groups);
    }

    private static int comparePairs(PairDecision x, PairDecision y) {
        int order = CodePoints.compare(x.a(), y.a());
        return order != 0 ? order : CodePoints.compare(x.b(), y.b());
    }

    /** |candidate score − current score|, a side that never compared the pair counting as 0. */
    private static double scoreChange(Flip flip) {
        double before = flip.current().score() == null ? 0 : flip.current().score();
        double after = flip.candidate().score() == null ? 0 : flip.candidate().score();
        return Math.abs(after - before);
    }

    private static Outcome outcome(PairDecision d) {
        return d == null ? new Outcome(Decision.NO_MATCH, null, null)
                : new Outcome(d.decision(), d.score(), d.signals());
    }

    private static ListingRef ref(Map<String, Listing> byId, String id) {
        Listing listing = byId.get(id);
        return new ListingRef(id, listing == null ? null : listing.title(),
                listing == null ? null : listing.sourceCode());
    }
}
