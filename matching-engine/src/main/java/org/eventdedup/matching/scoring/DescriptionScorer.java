package org.eventdedup.matching.scoring;

import org.eventdedup.matching.text.Similarity;

/**
 * Description signal (matching-spec B §5.5 with Part A 1): token-sort similarity of the normalised descriptions
 * (description, else short description, per listing). Both empty gives 0.5 and one empty 0.4 — fixed values of the
 * spec that the config does not carry.
 */
public final class DescriptionScorer {

    static final double BOTH_EMPTY = 0.5;
    static final double ONE_EMPTY = 0.4;

    public double score(PreparedListing a, PreparedListing b) {
        boolean emptyA = a.descriptionSorted().isEmpty();
        boolean emptyB = b.descriptionSorted().isEmpty();
        if (emptyA && emptyB) {
            return BOTH_EMPTY;
        }
        if (emptyA || emptyB) {
            return ONE_EMPTY;
        }
        return Similarity.ratio(a.descriptionSorted(), b.descriptionSorted()) / 100.0;
    }
}
