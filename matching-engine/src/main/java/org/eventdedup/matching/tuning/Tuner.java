package org.eventdedup.matching.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.matching.tuning.TrialScorer.Counts;

/**
 * Suggests values for the numbers that shape match decisions (see {@link ParameterSpace}) from labelled listings.
 *
 * <p>Listings are prepared, blocked and scored once ({@link SignalColumns}); each trial config only re-combines the
 * cached evidence. The honest figure is cross-validated: the labelled listings are split into k folds along
 * connected groups, the whole procedure (search and noise guard) runs on k−1 folds and is measured on the one left
 * out, and {@link Suggestion#after()} pools those held-out measurements. The suggested change itself comes from the
 * same procedure on all labels. Blocking parameters are left alone (they would need blocking again per trial), and
 * so are the time windows, distances and cluster settings.
 *
 * <p>Pure: no I/O, no clock; deterministic for {@link TunerSettings#seed()} whatever the thread count. An interrupt
 * ends a run with a {@link java.util.concurrent.CancellationException}.
 */
public final class Tuner {

    private final Lexicon lexicon;

    public Tuner(Lexicon lexicon) {
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
    }

    /**
     * @throws TuningException when the labels name too few groups of the listings for {@code settings.folds()}, or
     *                         no same-event pair among them
     */
    public Suggestion suggest(List<Listing> listings, GroundTruth truth, MatchingConfig current, Objective objective,
                              TunerSettings settings) {
        Objects.requireNonNull(listings, "listings");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(settings, "settings");
        ExecutorService pool = settings.threads() > 1 ? Executors.newFixedThreadPool(settings.threads(), runnable -> {
            Thread thread = new Thread(runnable, "config-tuner");
            thread.setDaemon(true);
            return thread;
        }) : null;
        try {
            return suggest(List.copyOf(listings), truth, current, objective, settings, new Parallel(pool));
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private Suggestion suggest(List<Listing> listings, GroundTruth truth, MatchingConfig current, Objective objective,
                               TunerSettings settings, Parallel parallel) {
        int k = settings.folds();
        SignalColumns columns = SignalColumns.extract(listings, truth, current, lexicon, k, settings.seed(),
                parallel);
        if (columns.truePairs() == 0) {
            throw new TuningException("the labels hold no same-event pair among the " + listings.size()
                    + " listings: there is nothing to tune on");
        }
        if (columns.groups < k) {
            throw new TuningException("the labels form " + columns.groups + " groups of listings, fewer than the "
                    + k + " folds of the cross-validation");
        }
        List<String> tuned = new ArrayList<>();
        for (int i = 0; i < columns.categories.size(); i++) {
            if (columns.truePairsPerGroup[i + 1] >= settings.minCategoryPairs()) {
                tuned.add(columns.categories.get(i));
            }
        }
        ParameterSpace space = new ParameterSpace(current, tuned);

        List<Callable<FoldResult>> tasks = new ArrayList<>();
        for (int f = 0; f <= k; f++) {
            int fold = f;
            tasks.add(() -> fold == k ? onAll(columns, space, objective, settings, current)
                    : onFold(columns, space, objective, settings, fold, current));
        }
        List<FoldResult> results = parallel.all(tasks);

        Counts[] before = new Counts[k];
        Counts[] after = new Counts[k];
        Counts pooledBefore = new Counts(0, 0, 0);
        Counts pooledAfter = new Counts(0, 0, 0);
        for (int f = 0; f < k; f++) {
            before[f] = results.get(f).before();
            after[f] = results.get(f).after();
            pooledBefore = pooledBefore.plus(before[f]);
            pooledAfter = pooledAfter.plus(after[f]);
        }
        Search.Point finalPoint = results.get(k).point();
        LabelBasis labels = new LabelBasis(columns.labelledListings, columns.groups, columns.truePairs(),
                columns.size, columns.candidatePairs, tuned);
        double suggestedHigh = finalPoint.trial().high();
        return new Suggestion(objective, space.changes(finalPoint.x(), suggestedHigh),
                space.toConfig(finalPoint.x(), suggestedHigh), Quality.of(pooledBefore, before),
                Quality.of(pooledAfter, after), k, labels);
    }

    private record FoldResult(Counts before, Counts after, Search.Point point) {
    }

    /** Tunes on every fold but {@code fold}, measures on the pairs owned by {@code fold}. */
    private static FoldResult onFold(SignalColumns c, ParameterSpace space, Objective objective,
                                     TunerSettings settings, int fold, MatchingConfig current) {
        int[] training = select(c, k -> c.foldA[k] != fold && c.foldB[k] != fold);
        // a pair belongs to the fold of its first listing, so across all folds every labelled pair is measured once
        int[] heldOut = select(c, k -> c.foldA[k] == fold);
        double high = current.thresholds().high();
        TrialScorer train = new TrialScorer(c, training, c.truePairs() - c.truePairsPerFold[fold], high);
        Search.Point point = new Search(space, train, objective, high)
                .run(settings.seed() * 31 + fold, settings.restarts(), settings.minGain());
        TrialScorer test = new TrialScorer(c, heldOut, c.truePairsPerFold[fold], high);
        return new FoldResult(test.counts(current), test.counts(space.toConfig(point.x(), point.trial().high())),
                point);
    }

    /** Tunes on every labelled pair: the suggestion itself. */
    private static FoldResult onAll(SignalColumns c, ParameterSpace space, Objective objective,
                                    TunerSettings settings, MatchingConfig current) {
        double high = current.thresholds().high();
        TrialScorer all = new TrialScorer(c, select(c, k -> true), c.truePairs(), high);
        Search.Point point = new Search(space, all, objective, high)
                .run(settings.seed() * 31 + c.folds, settings.restarts(), settings.minGain());
        return new FoldResult(null, null, point);
    }

    private interface PairFilter {
        boolean keep(int k);
    }

    private static int[] select(SignalColumns c, PairFilter filter) {
        int n = 0;
        int[] out = new int[c.size];
        for (int k = 0; k < c.size; k++) {
            if (filter.keep(k)) {
                out[n++] = k;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
