package org.eventdedup.worker.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.matching.text.CodePoints;
import org.eventdedup.matching.text.Normalizer;
import org.eventdedup.worker.port.ListingCategoryCounts;
import org.eventdedup.worker.port.ListingCategoryCounts.SpellingCount;

/**
 * Groups the stored spellings by the engine's case folding ({@link Normalizer#casefold}), so a group is exactly what
 * one {@code category_weights} name applies to. A listing that carries two spellings of one category (rare) counts
 * once per spelling.
 */
public final class ListingCategories implements ReadListingCategoriesUseCase {

    /** Most listings first; on a tie the folded spelling ("konzert" before "Konzert"), then code-point order. */
    private static final Comparator<SpellingCount> MOST_FREQUENT = Comparator
            .comparingLong(SpellingCount::listings).reversed()
            .thenComparing(s -> !s.spelling().equals(Normalizer.casefold(s.spelling())))
            .thenComparing(SpellingCount::spelling, CodePoints.ORDER);

    private final ListingCategoryCounts counts;

    public ListingCategories(ListingCategoryCounts counts) {
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    @Override
    public List<ListingCategory> categories() {
        Map<String, List<SpellingCount>> groups = new LinkedHashMap<>();
        for (SpellingCount s : counts.spellings()) {
            groups.computeIfAbsent(Normalizer.casefold(s.spelling()), k -> new ArrayList<>()).add(s);
        }
        List<ListingCategory> out = new ArrayList<>(groups.size());
        for (List<SpellingCount> group : groups.values()) {
            group.sort(MOST_FREQUENT);
            out.add(new ListingCategory(group.get(0).spelling(),
                    group.stream().mapToLong(SpellingCount::listings).sum()));
        }
        out.sort(Comparator.comparingLong(ListingCategory::listings).reversed()
                .thenComparing(ListingCategory::name, CodePoints.ORDER));
        return List.copyOf(out);
    }
}
