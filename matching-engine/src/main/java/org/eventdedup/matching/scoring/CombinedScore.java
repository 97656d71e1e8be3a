package org.eventdedup.matching.scoring;

import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.matching.model.Signals;

/** The weighted mean of the four signals (matching-spec B §6.2); 0 when all weights are 0. */
public final class CombinedScore {

    private CombinedScore() {
    }

    public static double combine(ScoringWeights w, Signals s) {
        double total = w.date() + w.geo() + w.title() + w.description();
        if (total == 0.0) {
            return 0.0;
        }
        return (w.date() * s.date() + w.geo() * s.geo() + w.title() * s.title() + w.description() * s.description())
                / total;
    }
}
