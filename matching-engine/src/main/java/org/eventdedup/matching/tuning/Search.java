package org.eventdedup.matching.tuning;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.eventdedup.matching.tuning.TrialScorer.Counts;
import org.eventdedup.matching.tuning.TrialScorer.Trial;

/**
 * Coordinate search with random restarts over a {@link ParameterSpace}, on one set of training pairs. Each sweep
 * tries every neighbour of every group and takes the best one per group; every trial gets its best
 * {@code thresholds.high}. Afterwards a noise guard puts back, one at a time, each changed group (and finally the
 * high) whose change raises the training objective by less than {@code minGain}, cheapest first — so the patch holds
 * only changes that pay off. Deterministic for a seed; checks for interruption between groups.
 */
final class Search {

    static final double EPSILON = 1e-12;
    private static final int MAX_SWEEPS = 8;
    /** Groups a restart moves away from the best point found so far. */
    private static final int KICKS = 3;

    private final ParameterSpace space;
    private final TrialScorer scorer;
    private final Objective objective;
    private final double currentHigh;

    /** A point of the space with its trial. */
    record Point(double[] x, Trial trial) {
    }

    Search(ParameterSpace space, TrialScorer scorer, Objective objective, double currentHigh) {
        this.space = space;
        this.scorer = scorer;
        this.objective = objective;
        this.currentHigh = currentHigh;
    }

    Point run(long seed, int restarts, double minGain) {
        SplittableRandom random = new SplittableRandom(seed);
        Point best = descend(space.current());
        for (int r = 0; r < restarts; r++) {
            Point candidate = descend(kick(best.x(), random));
            if (better(candidate, best)) {
                best = candidate;
            }
        }
        return guardAgainstNoise(best, minGain);
    }

    private Point evaluate(double[] x) {
        return new Point(x, scorer.best(space.toConfig(x, currentHigh), objective));
    }

    private Point descend(double[] start) {
        Point current = evaluate(start);
        scorer.rebase(space.toConfig(current.x(), currentHigh));
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean improved = false;
            for (ParameterSpace.Group group : space.groups()) {
                checkInterrupted();
                Point best = current;
                for (double[] y : space.neighbours(current.x(), group)) {
                    // neighbours differ from the base only in this group
                    Point p = new Point(y, scorer.best(space.toConfig(y, currentHigh), objective, group.changes()));
                    if (better(p, best)) {
                        best = p;
                    }
                }
                if (best != current) {
                    current = best;
                    scorer.rebase(space.toConfig(current.x(), currentHigh));
                    improved = true;
                }
            }
            if (!improved) {
                break;
            }
        }
        return current;
    }

    private double[] kick(double[] x, SplittableRandom random) {
        List<ParameterSpace.Group> groups = space.groups();
        double[] y = x;
        for (int i = 0; i < KICKS; i++) {
            List<double[]> options = space.neighbours(y, groups.get(random.nextInt(groups.size())));
            if (!options.isEmpty()) {
                y = options.get(random.nextInt(options.size()));
            }
        }
        return y;
    }

    private Point guardAgainstNoise(Point best, double minGain) {
        Point p = best;
        while (true) {
            Point cheapest = null;
            for (ParameterSpace.Group group : space.groups()) {
                if (space.changed(p.x(), group)) {
                    checkInterrupted();
                    Point q = evaluate(space.reverted(p.x(), group));
                    if (cheapest == null || q.trial().value() > cheapest.trial().value()) {
                        cheapest = q;
                    }
                }
            }
            if (cheapest == null || p.trial().value() - cheapest.trial().value() >= minGain) {
                break;
            }
            p = cheapest;
        }
        if (p.trial().high() != currentHigh) {
            Counts atCurrent = scorer.counts(space.toConfig(p.x(), currentHigh));
            double value = objective.value(atCurrent.tp(), atCurrent.fp(), atCurrent.fn());
            if (p.trial().value() - value < minGain) {
                p = new Point(p.x(), new Trial(currentHigh, value, atCurrent));
            }
        }
        return p;
    }

    /** Higher objective; on a tie, the smaller change from the current config. */
    private boolean better(Point a, Point b) {
        double va = a.trial().value();
        double vb = b.trial().value();
        if (va > vb + EPSILON) {
            return true;
        }
        return va >= vb - EPSILON && distance(a) < distance(b) - EPSILON;
    }

    private double distance(Point p) {
        return space.distance(p.x()) + Math.abs(p.trial().high() - currentHigh);
    }

    private static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("tuning was cancelled");
        }
    }
}
