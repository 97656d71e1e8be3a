package org.eventdedup.matching.evaluation;

import java.util.Set;

/**
 * Precision, recall and F1 of predicted pairs against true pairs (B §12 metrics, every figure 0 when its denominator
 * is 0). {@code fp} counts predicted pairs that are not true (closed world, see {@link GroundTruth}). Shared by the
 * {@code evaluate} command and the config preview, so both score a config the same way.
 */
public record PairMetrics(double precision, double recall, double f1, long tp, long fp, long fn) {

    public static PairMetrics of(Set<IdPair> predicted, Set<IdPair> truth) {
        long tp = 0;
        for (IdPair pair : predicted) {
            if (truth.contains(pair)) {
                tp++;
            }
        }
        long fp = predicted.size() - tp;
        long fn = truth.size() - tp;
        double precision = tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new PairMetrics(precision, recall, f1, tp, fp, fn);
    }
}
