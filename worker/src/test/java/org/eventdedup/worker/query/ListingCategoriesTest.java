package org.eventdedup.worker.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eventdedup.worker.port.ListingCategoryCounts;
import org.eventdedup.worker.port.ListingCategoryCounts.SpellingCount;
import org.junit.jupiter.api.Test;

class ListingCategoriesTest {

    private static List<ListingCategory> categories(SpellingCount... stored) {
        ListingCategoryCounts counts = () -> List.of(stored);
        return new ListingCategories(counts).categories();
    }

    @Test
    void spellings_differing_only_in_case_are_one_category_named_by_the_most_frequent_spelling() {
        assertThat(categories(new SpellingCount("Konzert", 2), new SpellingCount("konzert", 7),
                new SpellingCount("KONZERT", 1)))
                .containsExactly(new ListingCategory("konzert", 10));
    }

    @Test
    void folds_case_as_the_engine_does_so_sharp_s_meets_ss() {
        assertThat(categories(new SpellingCount("Straßenfest", 3), new SpellingCount("STRASSENFEST", 1)))
                .containsExactly(new ListingCategory("Straßenfest", 4));
    }

    @Test
    void most_frequent_first_then_by_name() {
        assertThat(categories(new SpellingCount("markt", 1), new SpellingCount("musik", 1),
                new SpellingCount("Musik", 1), new SpellingCount("fasnacht", 3), new SpellingCount("kinder", 1)))
                .containsExactly(new ListingCategory("fasnacht", 3), new ListingCategory("musik", 2),
                        new ListingCategory("kinder", 1), new ListingCategory("markt", 1));
    }

    @Test
    void a_tie_of_spellings_is_named_by_the_folded_one_else_the_first_in_code_point_order() {
        assertThat(categories(new SpellingCount("KONZERT", 1), new SpellingCount("Konzert", 1),
                new SpellingCount("konzert", 1))).containsExactly(new ListingCategory("konzert", 3));
        assertThat(categories(new SpellingCount("Open Air", 1), new SpellingCount("OPEN AIR", 1)))
                .containsExactly(new ListingCategory("OPEN AIR", 2));
    }

    @Test
    void no_stored_listing_means_no_category() {
        assertThat(categories()).isEmpty();
    }
}
