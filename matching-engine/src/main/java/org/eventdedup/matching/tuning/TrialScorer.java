package org.eventdedup.matching.tuning;

import java.util.Arrays;
import java.util.List;
import org.eventdedup.config.domain.model.DateConfig;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.config.domain.model.TitleBlend;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.scoring.CombinedScore;
import org.eventdedup.matching.scoring.DateScorer;
import org.eventdedup.matching.scoring.DecisionRule;
import org.eventdedup.matching.scoring.GeoScorer;
import org.eventdedup.matching.scoring.TitleScorer;

/**
 * Scores trial configs on a subset of the signal columns with the engine's own rules ({@link DateScorer#combine},
 * {@link GeoScorer#withNeutral}, {@link TitleScorer#blended}, {@link CombinedScore}, {@link DecisionRule}), so a
 * trial decides every pair exactly as a pipeline run with that config would. Not thread-safe (scratch histograms);
 * one per search.
 */
final class TrialScorer {

    /** Candidate values of {@code thresholds.high} tried in every trial, besides the current one. */
    private static final double HIGH_MIN = 0.30;
    private static final int HIGH_STEPS = 70; // 0.30, 0.31, …, 1.00

    private final SignalColumns c;
    private final int[] subset;
    private final long truePairs;
    private final double[] highs;
    private final double currentHigh;
    private final long[] sameAt;
    private final long[] differentAt;

    /**
     * @param subset    indices of the pairs to count
     * @param truePairs same-event pairs of the subset's listings, blocked or not (the missed ones count as false
     *                  negatives)
     */
    TrialScorer(SignalColumns columns, int[] subset, long truePairs, double currentHigh) {
        this.c = columns;
        this.subset = subset;
        this.truePairs = truePairs;
        this.currentHigh = currentHigh;
        double[] grid = new double[HIGH_STEPS + 2];
        for (int i = 0; i <= HIGH_STEPS; i++) {
            grid[i] = ParameterSpace.round(HIGH_MIN + i * 0.01);
        }
        grid[HIGH_STEPS + 1] = currentHigh;
        this.highs = Arrays.stream(grid).sorted().distinct().toArray();
        this.sameAt = new long[highs.length];
        this.differentAt = new long[highs.length];
    }

    /** Counts of one config on the subset. */
    record Counts(long tp, long fp, long fn) {

        Counts plus(Counts other) {
            return new Counts(tp + other.tp, fp + other.fp, fn + other.fn);
        }
    }

    /** A trial's outcome: its best {@code thresholds.high}, the objective there and the counts. */
    record Trial(double high, double value, Counts counts) {
    }

    /** The counts of {@code config} exactly as its decisions fall. */
    Counts counts(MatchingConfig config) {
        Signals s = new Signals(config, c.categories);
        DecisionRule rule = new DecisionRule(config.thresholds());
        long tp = 0;
        long fp = 0;
        for (int k : subset) {
            double title = s.title(c, k);
            if (rule.decide(s.combined(c, k, title), title) == Decision.MATCH) {
                if (c.same[k]) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        return new Counts(tp, fp, truePairs - tp);
    }

    /**
     * The best {@code thresholds.high} on the grid for {@code config}'s other values: one pass puts each pair that
     * the veto lets through at the highest grid value its combined score reaches, and a sweep from the top gives
     * the counts at every grid value. Ties go to the value nearest the current high.
     */
    Trial best(MatchingConfig config, Objective objective) {
        Arrays.fill(sameAt, 0);
        Arrays.fill(differentAt, 0);
        Signals s = new Signals(config, c.categories);
        DecisionRule rule = new DecisionRule(config.thresholds());
        for (int k : subset) {
            double title = s.title(c, k);
            if (rule.vetoes(title)) {
                continue;
            }
            int at = highestReached(s.combined(c, k, title));
            if (at >= 0) {
                if (c.same[k]) {
                    sameAt[at]++;
                } else {
                    differentAt[at]++;
                }
            }
        }
        long tp = 0;
        long fp = 0;
        Trial best = null;
        for (int i = highs.length - 1; i >= 0; i--) {
            tp += sameAt[i];
            fp += differentAt[i];
            double value = objective.value(tp, fp, truePairs - tp);
            if (best == null || value > best.value() + Search.EPSILON || (value >= best.value() - Search.EPSILON
                    && Math.abs(highs[i] - currentHigh) < Math.abs(best.high() - currentHigh))) {
                best = new Trial(highs[i], value, new Counts(tp, fp, truePairs - tp));
            }
        }
        return best;
    }

    /** Index of the largest grid value {@code h} with {@code combined >= h} (the decision rule's test), or -1. */
    private int highestReached(double combined) {
        int lo = 0;
        int hi = highs.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (combined >= highs[mid]) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** One trial config's per-pair rules, resolved once per trial. */
    private static final class Signals {
        private final DateConfig date;
        private final double neutral;
        private final TitleBlend main;
        private final TitleBlend cross;
        private final ScoringWeights[] weights;

        Signals(MatchingConfig config, List<String> categories) {
            date = config.date();
            neutral = config.geo().neutralScore();
            main = config.title().blendFor(false);
            cross = config.title().blendFor(true);
            weights = new ScoringWeights[categories.size() + 1];
            weights[0] = config.scoring();
            for (int i = 0; i < categories.size(); i++) {
                weights[i + 1] = config.categoryWeights().overrides().get(categories.get(i));
            }
        }

        double title(SignalColumns c, int k) {
            return TitleScorer.blended(c.crossSourceType[k] ? cross : main, c.titlePrimary[k], c.titleSecondary[k]);
        }

        double combined(SignalColumns c, int k, double title) {
            double d = c.union[k] == 0 ? 0.0 : DateScorer.combine(c.overlap[k], c.union[k], c.sameTime[k],
                    c.closeTime[k], c.farTime[k], c.gapTime[k], date);
            double g = GeoScorer.withNeutral(c.geo[k], neutral);
            return CombinedScore.combine(weights[c.weightGroup[k]], d, g, title, c.description[k]);
        }
    }
}
