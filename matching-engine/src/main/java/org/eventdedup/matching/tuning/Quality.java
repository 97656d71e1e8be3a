package org.eventdedup.matching.tuning;

/**
 * Pair-decision quality of one config on held-out folds: the figures of all folds' pairs pooled, and their spread
 * (standard deviation of the per-fold figures), so a reader can tell a real change from noise.
 */
public record Quality(double precision, double recall, double f1, Spread spread, long tp, long fp, long fn) {

    /** Standard deviations of the per-fold figures. */
    public record Spread(double precision, double recall, double f1) {
    }

    static Quality of(TrialScorer.Counts pooled, TrialScorer.Counts[] perFold) {
        double[] p = new double[perFold.length];
        double[] r = new double[perFold.length];
        double[] f = new double[perFold.length];
        for (int i = 0; i < perFold.length; i++) {
            TrialScorer.Counts c = perFold[i];
            p[i] = precision(c);
            r[i] = recall(c);
            f[i] = f1(p[i], r[i]);
        }
        double precision = precision(pooled);
        double recall = recall(pooled);
        return new Quality(precision, recall, f1(precision, recall), new Spread(sd(p), sd(r), sd(f)),
                pooled.tp(), pooled.fp(), pooled.fn());
    }

    private static double precision(TrialScorer.Counts c) {
        return c.tp() + c.fp() == 0 ? 0.0 : (double) c.tp() / (c.tp() + c.fp());
    }

    private static double recall(TrialScorer.Counts c) {
        return c.tp() + c.fn() == 0 ? 0.0 : (double) c.tp() / (c.tp() + c.fn());
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    private static double sd(double[] values) {
        double mean = 0.0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0.0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return values.length < 2 ? 0.0 : Math.sqrt(squares / (values.length - 1));
    }
}
