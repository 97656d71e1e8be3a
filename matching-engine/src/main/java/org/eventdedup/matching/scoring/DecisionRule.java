package org.eventdedup.matching.scoring;

import java.util.Objects;
import org.eventdedup.config.domain.model.Thresholds;
import org.eventdedup.matching.model.Decision;

/**
 * The three-way decision (matching-spec B §6.3): {@code combined >= high} is a match unless the title veto is on
 * ({@code title_veto > 0}) and the title score is strictly below it, which leaves it ambiguous;
 * {@code combined <= low} is no match; everything between is ambiguous.
 */
public final class DecisionRule {

    private final Thresholds thresholds;

    public DecisionRule(Thresholds thresholds) {
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    public Decision decide(double combined, double titleScore) {
        if (combined >= thresholds.high()) {
            return vetoes(titleScore) ? Decision.AMBIGUOUS : Decision.MATCH;
        }
        if (combined <= thresholds.low()) {
            return Decision.NO_MATCH;
        }
        return Decision.AMBIGUOUS;
    }

    /** Whether the title veto keeps a pair with this title score from being a match, whatever its combined score. */
    public boolean vetoes(double titleScore) {
        return thresholds.titleVeto() > 0 && titleScore < thresholds.titleVeto();
    }
}
