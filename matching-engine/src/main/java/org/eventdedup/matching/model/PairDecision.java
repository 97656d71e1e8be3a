package org.eventdedup.matching.model;

import org.eventdedup.matching.text.CodePoints;
import java.util.Objects;

/** The decision for one candidate pair; {@code a} &lt; {@code b} by code point. */
public record PairDecision(String a, String b, Signals signals, double score, Decision decision, Tier tier) {
    public PairDecision {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (CodePoints.compare(a, b) >= 0) {
            throw new IllegalArgumentException("pair ids must be ordered: " + a + " >= " + b);
        }
    }

    public PairDecision withOutcome(Decision newDecision, Tier newTier) {
        return new PairDecision(a, b, signals, score, newDecision, newTier);
    }
}
