package org.eventdedup.matching.tuning;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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
 * trial decides every pair exactly as a pipeline run with that config would.
 *
 * <p>A search moves one group of parameters at a time, so the scorer keeps the signals of a <em>base</em> config
 * ({@link #rebase}) and a trial that differs from it only in some {@link Part}s recomputes only those. Not
 * thread-safe (scratch arrays); one per search.
 */
final class TrialScorer {

    /** What a trial changes relative to the base config. */
    enum Part { VETO, WEIGHTS, TITLE, GEO, DATE }

    static final Set<Part> EVERYTHING = EnumSet.allOf(Part.class);

    /** Candidate values of {@code thresholds.high} tried in every trial, besides the current one. */
    private static final double HIGH_MIN = 0.30;
    private static final int HIGH_STEPS = 70; // 0.30, 0.31, …, 1.00
    private static final int LOOKUP = 1000;

    private final SignalColumns c;
    private final int[] subset;
    private final long truePairs;
    private final double[] highs;
    /** For each thousandth of [0, 1]: the last grid index at or below it, a starting guess for {@link #reached}. */
    private final int[] lookup;
    private final double currentHigh;
    private final long[] sameAt;
    private final long[] differentAt;
    private final double[] baseDate;
    private final double[] baseGeo;
    private final double[] baseTitle;
    private final double[] baseCombined;

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
        this.lookup = new int[LOOKUP + 1];
        for (int b = 0, i = -1; b <= LOOKUP; b++) {
            while (i + 1 < highs.length && highs[i + 1] <= (double) b / LOOKUP) {
                i++;
            }
            lookup[b] = i;
        }
        this.sameAt = new long[highs.length];
        this.differentAt = new long[highs.length];
        this.baseDate = new double[subset.length];
        this.baseGeo = new double[subset.length];
        this.baseTitle = new double[subset.length];
        this.baseCombined = new double[subset.length];
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
            double combined = s.combined(c, k, s.date(c, k), s.geo(c, k), title);
            if (rule.decide(combined, title) == Decision.MATCH) {
                if (c.same[k]) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        return new Counts(tp, fp, truePairs - tp);
    }

    /** Keeps the signals of {@code config} as the base that later trials differ from. */
    void rebase(MatchingConfig config) {
        Signals s = new Signals(config, c.categories);
        for (int i = 0; i < subset.length; i++) {
            int k = subset[i];
            baseDate[i] = s.date(c, k);
            baseGeo[i] = s.geo(c, k);
            baseTitle[i] = s.title(c, k);
            baseCombined[i] = s.combined(c, k, baseDate[i], baseGeo[i], baseTitle[i]);
        }
    }

    /** {@link #best(MatchingConfig, Objective, Set)} computing every signal afresh. */
    Trial best(MatchingConfig config, Objective objective) {
        return best(config, objective, EVERYTHING);
    }

    /**
     * The best {@code thresholds.high} on the grid for {@code config}'s other values: one pass puts each pair that
     * the veto lets through at the highest grid value its combined score reaches, and a sweep from the top gives
     * the counts at every grid value. Ties go to the value nearest the current high.
     *
     * @param changed where {@code config} differs from the base config; the base's signals stand for the rest
     */
    Trial best(MatchingConfig config, Objective objective, Set<Part> changed) {
        Arrays.fill(sameAt, 0);
        Arrays.fill(differentAt, 0);
        Signals s = new Signals(config, c.categories);
        DecisionRule rule = new DecisionRule(config.thresholds());
        boolean date = changed.contains(Part.DATE);
        boolean geo = changed.contains(Part.GEO);
        boolean title = changed.contains(Part.TITLE);
        boolean recombine = date || geo || title || changed.contains(Part.WEIGHTS);
        for (int i = 0; i < subset.length; i++) {
            int k = subset[i];
            double t = title ? s.title(c, k) : baseTitle[i];
            if (rule.vetoes(t)) {
                continue;
            }
            double combined = recombine ? s.combined(c, k, date ? s.date(c, k) : baseDate[i],
                    geo ? s.geo(c, k) : baseGeo[i], t) : baseCombined[i];
            int at = reached(combined);
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
    private int reached(double combined) {
        int i = lookup[Math.max(0, Math.min(LOOKUP, (int) (combined * LOOKUP)))];
        while (i + 1 < highs.length && combined >= highs[i + 1]) {
            i++;
        }
        while (i >= 0 && combined < highs[i]) {
            i--;
        }
        return i;
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

        double date(SignalColumns c, int k) {
            return c.union[k] == 0 ? 0.0 : DateScorer.combine(c.overlap[k], c.union[k], c.sameTime[k],
                    c.closeTime[k], c.farTime[k], c.gapTime[k], date);
        }

        double geo(SignalColumns c, int k) {
            return GeoScorer.withNeutral(c.geo[k], neutral);
        }

        double title(SignalColumns c, int k) {
            return TitleScorer.blended(c.crossSourceType[k] ? cross : main, c.titlePrimary[k], c.titleSecondary[k]);
        }

        double combined(SignalColumns c, int k, double date, double geo, double title) {
            return CombinedScore.combine(weights[c.weightGroup[k]], date, geo, title, c.description[k]);
        }
    }
}
