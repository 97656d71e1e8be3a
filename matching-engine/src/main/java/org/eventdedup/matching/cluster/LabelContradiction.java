package org.eventdedup.matching.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eventdedup.matching.evaluation.IdPair;

/**
 * A {@code different} label whose two listings a chain of {@code same} labels joins (A=B, B=C, A≠C). The must-links
 * win: the listings stay in one cluster, and the contradiction is reported for an operator to resolve.
 *
 * @param different the cannot-link that cannot hold
 * @param chain     the listings of the shortest must-link chain from {@code different.a()} to {@code different.b()}
 */
public record LabelContradiction(IdPair different, List<String> chain) {

    public LabelContradiction {
        Objects.requireNonNull(different, "different");
        chain = List.copyOf(chain);
        if (chain.size() < 2) {
            throw new IllegalArgumentException("a contradiction's chain holds at least two listings, was " + chain);
        }
    }

    /** The listings involved: the chain, which starts and ends with the different pair. */
    public List<String> ids() {
        return chain;
    }

    /** The {@code same} labels of the chain, in chain order. */
    public List<IdPair> sameLabels() {
        List<IdPair> labels = new ArrayList<>(chain.size() - 1);
        for (int i = 1; i < chain.size(); i++) {
            labels.add(IdPair.of(chain.get(i - 1), chain.get(i)));
        }
        return labels;
    }

    /** A sentence such as {@code "A = B, B = C, but A ≠ C"}. */
    public String detail() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < chain.size(); i++) {
            text.append(chain.get(i - 1)).append(" = ").append(chain.get(i)).append(", ");
        }
        return text.append("but ").append(different.a()).append(" ≠ ").append(different.b())
                .append(": the same labels win").toString();
    }
}
