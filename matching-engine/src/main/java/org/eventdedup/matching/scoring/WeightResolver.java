package org.eventdedup.matching.scoring;

import java.util.Objects;
import java.util.Set;
import org.eventdedup.config.domain.model.CategoryWeights;
import org.eventdedup.config.domain.model.ScoringWeights;

/**
 * Chooses the signal weights for a pair (matching-spec B §6.1): the overrides of the first category in
 * {@code category_weights.priority} that both listings carry and that has an override; otherwise {@code scoring}.
 * Category names compare exactly, case included.
 */
public final class WeightResolver {

    private final ScoringWeights scoring;
    private final CategoryWeights categoryWeights;

    public WeightResolver(ScoringWeights scoring, CategoryWeights categoryWeights) {
        this.scoring = Objects.requireNonNull(scoring, "scoring");
        this.categoryWeights = Objects.requireNonNull(categoryWeights, "categoryWeights");
    }

    public ScoringWeights resolve(Set<String> categoriesA, Set<String> categoriesB) {
        String category = category(categoriesA, categoriesB);
        return category == null ? scoring : categoryWeights.overrides().get(category);
    }

    /** The category whose override applies to a pair, or null when {@code scoring} does. */
    public String category(Set<String> categoriesA, Set<String> categoriesB) {
        if (categoriesA.isEmpty() || categoriesB.isEmpty()) {
            return null;
        }
        for (String category : categoryWeights.priority()) {
            if (categoryWeights.overrides().containsKey(category) && categoriesA.contains(category)
                    && categoriesB.contains(category)) {
                return category;
            }
        }
        return null;
    }

    public ScoringWeights resolve(PreparedListing a, PreparedListing b) {
        return resolve(a.categories(), b.categories());
    }
}
