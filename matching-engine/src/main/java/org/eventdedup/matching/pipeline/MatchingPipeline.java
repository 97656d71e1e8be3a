package org.eventdedup.matching.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.matching.ai.AiTier;
import org.eventdedup.matching.ai.AiTierResult;
import org.eventdedup.matching.port.AiUsage;
import org.eventdedup.matching.blocking.BlockingKeys;
import org.eventdedup.matching.blocking.CandidatePairs;
import org.eventdedup.matching.canonical.CanonicalEvent;
import org.eventdedup.matching.canonical.CanonicalSynthesizer;
import org.eventdedup.matching.cluster.ClusterResult;
import org.eventdedup.matching.cluster.Clusterer;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.port.AmbiguousPairResolver;
import org.eventdedup.matching.scoring.ListingPreparer;
import org.eventdedup.matching.scoring.PairScorer;
import org.eventdedup.matching.scoring.PreparedListing;
import org.eventdedup.matching.text.Lexicon;

/**
 * The whole matching pipeline of matching-spec B §1 (steps 2–5) for one set of listings: preparation, blocking,
 * candidate pairs, scoring, the optional AI tier, clustering and canonical synthesis.
 *
 * <p><b>Deterministic.</b> The result depends only on the listings (their values, including ingestion order) and the
 * config — not on the order of the input list, nor on the thread count: listings and pairs are ordered by id
 * (code points) before any work, and parallel stages write each result into a pre-sized slot by index, so
 * scheduling never changes an order or a sum.
 *
 * <p><b>Memory.</b> Listings are prepared once; prepared listings and candidate pairs are dropped once scored.
 * Decisions live in primitive columns (about 50 bytes per pair), so a {@code no_match} costs no object.
 *
 * <p>Thread-safe: a pipeline holds no state between runs; each run uses its own worker threads.
 */
public final class MatchingPipeline {

    /** Listings per parallel work item when preparing. */
    private static final int PREPARE_CHUNK = 256;
    /** Pairs per parallel work item when scoring: small enough to balance two cores, large enough to be cheap. */
    private static final int SCORE_CHUNK = 4096;

    private final Lexicon lexicon;
    private final AmbiguousPairResolver resolver;
    private final int threads;

    /**
     * @param resolverOrNull the AI tier's resolver; null when there is none (the AI tier then never runs)
     * @param threads        worker threads for preparation and scoring, at least 1
     */
    public MatchingPipeline(Lexicon lexicon, AmbiguousPairResolver resolverOrNull, int threads) {
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.resolver = resolverOrNull;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
    }

    /**
     * Runs the pipeline.
     *
     * @param listings       the listings, ids distinct, any order
     * @param apiKeyOrNull   the Gemini key; the AI tier runs only with {@code ai.enabled}, a key and a resolver
     * @throws IllegalArgumentException when two listings share an id
     */
    public MatchResult run(List<Listing> listings, MatchingConfig config, SecretString apiKeyOrNull) {
        Objects.requireNonNull(config, "config");
        List<Listing> input = List.copyOf(Objects.requireNonNull(listings, "listings"));
        long start = System.nanoTime();
        Stopwatch watch = new Stopwatch(start);

        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "matching-pipeline");
            thread.setDaemon(true);
            return thread;
        }) : null;
        Scored scored;
        try {
            scored = prepareBlockAndScore(input, config, pool, watch);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        DecisionTable table = scored.table();

        Ai ai = applyAi(table, input, config.ai(), apiKeyOrNull);
        Duration aiTime = watch.lap();

        ClusterResult clustering = new Clusterer().cluster(input, table, config.cluster());
        Duration clusteringTime = watch.lap();

        List<CanonicalEvent> canonical = new CanonicalSynthesizer(config.canonical()).synthesizeAll(clustering, input);
        Duration canonicalTime = watch.lap();

        int[] counts = new int[Decision.values().length];
        for (int k = 0; k < table.size(); k++) {
            counts[table.decisionAt(k).ordinal()]++;
        }
        CandidatePairs.Stats pairs = scored.pairStats();
        StageTimings timings = new StageTimings(scored.prepare(), scored.blocking(), scored.scoring(), aiTime,
                clusteringTime, canonicalTime, Duration.ofNanos(System.nanoTime() - start));
        MatchStats stats = new MatchStats(pairs.totalEvents(), pairs.totalPossiblePairs(), pairs.blockedPairs(),
                pairs.reductionPct(), counts[Decision.MATCH.ordinal()], counts[Decision.AMBIGUOUS.ordinal()],
                counts[Decision.NO_MATCH.ordinal()], ai.status(), ai.candidates(), ai.answered(), ai.changed(), ai.usage(),
                clustering.clusters().size(), clustering.singletonCount(), clustering.flaggedClusters().size(),
                canonical.size(), timings);
        return new MatchResult(stats, table, clustering, canonical, ai.warnings());
    }

    private record Scored(DecisionTable table, CandidatePairs.Stats pairStats, Duration prepare, Duration blocking,
                          Duration scoring) {
    }

    /** Kept in one method so the prepared listings and candidate pairs can be collected as soon as it returns. */
    private Scored prepareBlockAndScore(List<Listing> input, MatchingConfig config, ExecutorService pool,
                                        Stopwatch watch) {
        ListingPreparer preparer = new ListingPreparer(lexicon, config);
        PreparedListing[] prepared = new PreparedListing[input.size()];
        parallelFor(pool, input.size(), PREPARE_CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                prepared[i] = preparer.prepare(input.get(i));
            }
        });
        Duration prepare = watch.lap();

        CandidatePairs pairs = CandidatePairs.generate(Arrays.asList(prepared), new BlockingKeys(config.blocking()));
        Duration blocking = watch.lap();

        List<PreparedListing> sorted = pairs.listings();
        String[] ids = new String[sorted.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = sorted.get(i).id();
        }
        PairScorer scorer = new PairScorer(config);
        DecisionTable table = new DecisionTable(ids, pairs.size());
        parallelFor(pool, pairs.size(), SCORE_CHUNK, (from, to) -> {
            for (int k = from; k < to; k++) {
                int a = pairs.firstIndex(k);
                int b = pairs.secondIndex(k);
                table.put(k, a, b, scorer.score(sorted.get(a), sorted.get(b)));
            }
        });
        return new Scored(table, pairs.stats(), prepare, blocking, watch.lap());
    }

    private record Ai(AiStatus status, int candidates, int answered, int changed, AiUsage usage,
                      List<String> warnings) {
    }

    /**
     * Hands only the ambiguous decisions to the AI tier (it picks those inside its window), so the run never turns
     * all pairs into objects, and writes the changed outcomes back by index.
     */
    private Ai applyAi(DecisionTable table, List<Listing> input, AiConfig config, SecretString apiKey) {
        if (!config.enabled()) {
            return new Ai(AiStatus.DISABLED, 0, 0, 0, AiUsage.NONE, List.of());
        }
        if (apiKey == null) {
            return new Ai(AiStatus.NO_API_KEY, 0, 0, 0, AiUsage.NONE, List.of());
        }
        if (resolver == null) {
            return new Ai(AiStatus.NO_RESOLVER, 0, 0, 0, AiUsage.NONE, List.of(
                    "ai.enabled is true but no AI resolver is available here: ambiguous pairs stay ambiguous"));
        }
        List<Integer> positions = new ArrayList<>();
        List<PairDecision> ambiguous = new ArrayList<>();
        for (int k = 0; k < table.size(); k++) {
            if (table.decisionAt(k) == Decision.AMBIGUOUS) {
                positions.add(k);
                ambiguous.add(table.get(k));
            }
        }
        Map<String, Listing> byId = new HashMap<>(input.size() * 2);
        for (Listing listing : input) {
            byId.put(listing.id(), listing);
        }
        AiTierResult result = new AiTier(resolver).apply(ambiguous, byId, config, apiKey);
        List<PairDecision> after = result.decisions();
        for (int i = 0; i < after.size(); i++) {
            PairDecision d = after.get(i);
            int k = positions.get(i);
            if (d.decision() != table.decisionAt(k) || d.tier() != table.tierAt(k)) {
                table.setOutcome(k, d.decision(), d.tier());
            }
        }
        AiStatus status = switch (result.status()) {
            case DISABLED -> AiStatus.DISABLED;
            case NO_API_KEY -> AiStatus.NO_API_KEY;
            case NO_CANDIDATES -> AiStatus.NO_CANDIDATES;
            case RESOLVED -> AiStatus.RESOLVED;
            case RESOLVER_FAILED -> AiStatus.RESOLVER_FAILED;
        };
        return new Ai(status, result.candidateCount(), result.verdictCount(), result.changedCount(), result.usage(),
                result.warnings());
    }

    @FunctionalInterface
    private interface RangeTask {
        void run(int from, int to);
    }

    /**
     * Runs {@code task} over [0, n) in chunks: inline without a pool, else on every pool thread, each claiming the
     * next chunk until none is left. Each index is handled by exactly one task; results must be written by index.
     */
    private void parallelFor(ExecutorService pool, int n, int chunk, RangeTask task) {
        if (pool == null || n <= chunk) {
            task.run(0, n);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int from = next.getAndAdd(chunk); from < n; from = next.getAndAdd(chunk)) {
                task.run(from, Math.min(n, from + chunk));
            }
        };
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(worker));
        }
        RuntimeException failure = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                next.set(n); // stop the others early
                Throwable cause = e.getCause();
                if (cause instanceof Error error) {
                    throw error;
                }
                if (failure == null) {
                    failure = cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("matching interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Lap times from one start. */
    private static final class Stopwatch {
        private long last;

        Stopwatch(long start) {
            this.last = start;
        }

        Duration lap() {
            long now = System.nanoTime();
            Duration lap = Duration.ofNanos(now - last);
            last = now;
            return lap;
        }
    }
}
