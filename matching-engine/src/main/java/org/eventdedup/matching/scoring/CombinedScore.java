package org.eventdedup.matching.scoring;

import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.matching.model.Signals;

/** The weighted mean of the four signals (matching-spec B §6.2); 0 when all weights are 0. */
public final class CombinedScore {

    private CombinedScore() {
    }

    public static double combine(ScoringWeights w, Signals s) {
        return combine(w, s.date(), s.geo(), s.title(), s.description());
    }

    /** The same over plain values, so the config tuner can re-combine cached signals without objects. */
    public static double combine(ScoringWeights w, double date, double geo, double title, double description) {
        double total = w.date() + w.geo() + w.title() + w.description();
        if (total == 0.0) {
            return 0.0;
        }
        return (w.date() * date + w.geo() * geo + w.title() * title + w.description() * description) / total;
    }
}
