package org.eventdedup.matching.tuning;

/**
 * How the config tuner searches.
 *
 * @param seed             makes the fold split and the restarts reproducible: the same inputs and seed give the
 *                         same suggestion
 * @param folds            k of the k-fold cross-validation over groups of labelled listings, at least 2
 * @param restarts         random restarts of the coordinate search besides the one from the current config
 * @param minGain          a parameter keeps its current value unless changing it raises the objective on the
 *                         training pairs by more than this (noise guard; prefers small patches)
 * @param minCategoryPairs a category's weights are tuned only when at least this many labelled same-event candidate
 *                         pairs use them
 * @param threads          worker threads for signal extraction and the fold searches, at least 1
 */
public record TunerSettings(long seed, int folds, int restarts, double minGain, int minCategoryPairs, int threads) {

    public static final TunerSettings DEFAULT = new TunerSettings(1L, 5, 2, 0.01, 30, 1);

    public TunerSettings {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, was " + folds);
        }
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must be 0 or more, was " + restarts);
        }
        if (!(minGain >= 0.0 && minGain < 1.0)) {
            throw new IllegalArgumentException("minGain must be in [0, 1), was " + minGain);
        }
        if (minCategoryPairs < 1) {
            throw new IllegalArgumentException("minCategoryPairs must be at least 1, was " + minCategoryPairs);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
    }

    public TunerSettings withThreads(int value) {
        return new TunerSettings(seed, folds, restarts, minGain, minCategoryPairs, value);
    }

    public TunerSettings withSeed(long value) {
        return new TunerSettings(value, folds, restarts, minGain, minCategoryPairs, threads);
    }

    public TunerSettings withFolds(int value) {
        return new TunerSettings(seed, value, restarts, minGain, minCategoryPairs, threads);
    }
}
