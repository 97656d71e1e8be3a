package org.eventdedup.matching.scoring;

import java.util.Objects;
import org.eventdedup.config.domain.model.DateConfig;

/**
 * Date signal (matching-spec B §5.2, Part A 4): Jaccard overlap of the two date sets times the mean start-time factor
 * over the shared dates. 0 when either side has no date or nothing overlaps.
 */
public final class DateScorer {

    private final DateConfig config;

    public DateScorer(DateConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public double score(PreparedListing a, PreparedListing b) {
        DateEvidence evidence = evidence(a, b);
        return evidence == null ? 0.0 : combine(evidence, config);
    }

    /**
     * What the date signal rests on before the factors are applied: the overlap, the union and how many shared days
     * fall into each start-time class. Null when either side has no date or nothing overlaps (the signal is 0 then).
     */
    public DateEvidence evidence(PreparedListing a, PreparedListing b) {
        int[] da = a.sortedDays();
        int[] db = b.sortedDays();
        if (da.length == 0 || db.length == 0) {
            return null;
        }
        int[] ta = a.startSeconds();
        int[] tb = b.startSeconds();
        int[] classes = new int[TimeClass.values().length];
        int overlap = 0;
        int i = 0;
        int j = 0;
        while (i < da.length && j < db.length) {
            if (da[i] == db[j]) {
                overlap++;
                classes[timeClass(ta[i], tb[j]).ordinal()]++;
                i++;
                j++;
            } else if (da[i] < db[j]) {
                i++;
            } else {
                j++;
            }
        }
        if (overlap == 0) {
            return null;
        }
        return new DateEvidence(overlap, da.length + db.length - overlap, classes[0], classes[1], classes[2],
                classes[3]);
    }

    /**
     * The date signal from its evidence: Jaccard overlap times the mean time factor. The one place the factors are
     * applied, so the engine and the config tuner compute the same value.
     */
    public static double combine(DateEvidence e, DateConfig config) {
        return combine(e.overlap(), e.union(), e.sameTime(), e.closeTime(), e.farTime(), e.gapTime(), config);
    }

    /** The same over plain counts, so the config tuner can keep evidence in primitive columns. */
    public static double combine(int overlap, int union, int sameTime, int closeTime, int farTime, int gapTime,
                                 DateConfig config) {
        double factors = sameTime * 1.0 + closeTime * config.closeFactor() + farTime * config.farFactor()
                + gapTime * config.timeGapPenaltyFactor();
        double jaccard = (double) overlap / union;
        return jaccard * (factors / overlap);
    }

    /** How far apart two start times are, in the config's windows. */
    public enum TimeClass { SAME, CLOSE, FAR, GAP }

    /**
     * @param overlap shared days (at least 1)
     * @param union   days of either side
     */
    public record DateEvidence(int overlap, int union, int sameTime, int closeTime, int farTime, int gapTime) {
    }

    /** The class of two start times in seconds of the day; a missing time gets the benefit of the doubt. */
    TimeClass timeClass(int secondsA, int secondsB) {
        if (secondsA == PreparedListing.NO_TIME || secondsB == PreparedListing.NO_TIME) {
            return TimeClass.SAME;
        }
        double minutes = Math.abs(secondsA - secondsB) / 60.0;
        if (minutes <= config.timeToleranceMinutes()) {
            return TimeClass.SAME;
        }
        if (minutes <= config.timeCloseMinutes()) {
            return TimeClass.CLOSE;
        }
        if (minutes <= config.timeGapPenaltyHours() * 60) {
            return TimeClass.FAR;
        }
        return TimeClass.GAP;
    }
}
