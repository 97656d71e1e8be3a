package org.eventdedup.matching.scoring;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eventdedup.config.domain.model.CategoryWeights;
import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.matching.text.Normalizer;

/**
 * Chooses the signal weights for a pair (matching-spec B §6.1): the overrides of the first category in
 * {@code category_weights.priority} that both listings carry and that has an override; otherwise {@code scoring}.
 *
 * <p>Category names compare ignoring case (full case folding, {@link Normalizer#casefold}): the sources spell
 * "konzert" and "Konzert" alike, and an operator typing "Konzert" means the listings' "konzert". A priority entry
 * finds its override the same way. The config domain rejects two names that differ only in case; should two fold
 * together anyway, the first override in document order applies.
 */
public final class WeightResolver {

    private final ScoringWeights scoring;
    /** Override keys as written in the config, in priority order; at i, the folded name and the weights. */
    private final List<String> keys = new ArrayList<>();
    private final List<String> folded = new ArrayList<>();
    private final List<ScoringWeights> weights = new ArrayList<>();

    public WeightResolver(ScoringWeights scoring, CategoryWeights categoryWeights) {
        this.scoring = Objects.requireNonNull(scoring, "scoring");
        Objects.requireNonNull(categoryWeights, "categoryWeights");
        Map<String, String> keyByFold = new LinkedHashMap<>();
        categoryWeights.overrides().keySet().forEach(key -> keyByFold.putIfAbsent(Normalizer.casefold(key), key));
        for (String category : categoryWeights.priority()) {
            String fold = Normalizer.casefold(category);
            String key = keyByFold.get(fold);
            if (key != null && !folded.contains(fold)) {
                keys.add(key);
                folded.add(fold);
                weights.add(categoryWeights.overrides().get(key));
            }
        }
    }

    /** The weights for two listings' categories as the sources spell them. */
    public ScoringWeights resolve(Set<String> categoriesA, Set<String> categoriesB) {
        int i = index(fold(categoriesA), fold(categoriesB));
        return i < 0 ? scoring : weights.get(i);
    }

    /**
     * The override key (as the config spells it) whose weights apply to a pair, or null when {@code scoring} does.
     */
    public String category(Set<String> categoriesA, Set<String> categoriesB) {
        int i = index(fold(categoriesA), fold(categoriesB));
        return i < 0 ? null : keys.get(i);
    }

    public ScoringWeights resolve(PreparedListing a, PreparedListing b) {
        int i = index(a.categories(), b.categories());
        return i < 0 ? scoring : weights.get(i);
    }

    /** Like {@link #category(Set, Set)}; prepared listings carry their categories already folded. */
    public String category(PreparedListing a, PreparedListing b) {
        int i = index(a.categories(), b.categories());
        return i < 0 ? null : keys.get(i);
    }

    /** The override keys that can apply, as the config spells them, in priority order. */
    public List<String> categories() {
        return List.copyOf(keys);
    }

    private int index(Set<String> foldedA, Set<String> foldedB) {
        if (foldedA.isEmpty() || foldedB.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < folded.size(); i++) {
            String category = folded.get(i);
            if (foldedA.contains(category) && foldedB.contains(category)) {
                return i;
            }
        }
        return -1;
    }

    static Set<String> fold(Iterable<String> categories) {
        Set<String> out = new HashSet<>();
        categories.forEach(c -> out.add(Normalizer.casefold(c)));
        return out;
    }
}
