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
        int[] da = a.sortedDays();
        int[] db = b.sortedDays();
        if (da.length == 0 || db.length == 0) {
            return 0.0;
        }
        int[] ta = a.startSeconds();
        int[] tb = b.startSeconds();
        int overlap = 0;
        double factors = 0.0;
        int i = 0;
        int j = 0;
        while (i < da.length && j < db.length) {
            if (da[i] == db[j]) {
                overlap++;
                factors += timeFactor(ta[i], tb[j]);
                i++;
                j++;
            } else if (da[i] < db[j]) {
                i++;
            } else {
                j++;
            }
        }
        if (overlap == 0) {
            return 0.0;
        }
        double jaccard = (double) overlap / (da.length + db.length - overlap);
        return jaccard * (factors / overlap);
    }

    /** Factor for two start times in seconds of the day; a missing time gets the benefit of the doubt. */
    double timeFactor(int secondsA, int secondsB) {
        if (secondsA == PreparedListing.NO_TIME || secondsB == PreparedListing.NO_TIME) {
            return 1.0;
        }
        double minutes = Math.abs(secondsA - secondsB) / 60.0;
        if (minutes <= config.timeToleranceMinutes()) {
            return 1.0;
        }
        if (minutes <= config.timeCloseMinutes()) {
            return config.closeFactor();
        }
        if (minutes <= config.timeGapPenaltyHours() * 60) {
            return config.farFactor();
        }
        return config.timeGapPenaltyFactor();
    }
}
