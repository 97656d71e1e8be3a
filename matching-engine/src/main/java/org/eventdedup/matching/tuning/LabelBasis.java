package org.eventdedup.matching.tuning;

import java.util.List;
import java.util.Objects;

/**
 * The labels a suggestion rests on.
 *
 * @param labelledListings      listings of the input that the truth names
 * @param groups                connected groups of them (the unit of the fold split)
 * @param truePairs             same-event pairs among them, whether blocking compares them or not
 * @param labelledCandidatePairs candidate pairs with both listings labelled: what the search scores
 * @param candidatePairs        all candidate pairs of the input
 * @param tunedCategories       categories whose weights were searched (enough labelled pairs use them)
 */
public record LabelBasis(int labelledListings, int groups, long truePairs, long labelledCandidatePairs,
                         long candidatePairs, List<String> tunedCategories) {

    public LabelBasis {
        tunedCategories = List.copyOf(Objects.requireNonNull(tunedCategories, "tunedCategories"));
    }
}
