package org.eventdedup.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eventdedup.matching.model.Listing;
import org.junit.jupiter.api.Test;

/** The engine benchmark's parts that need nothing wired; the command itself is tested through the launcher. */
class EngineBenchmarkTest {

    @Test
    void in_memory_listings_are_exactly_what_the_files_give() {
        List<Listing> listings = GeneratedListings.generate(600, 5);
        assertThat(listings).hasSize(600);
        assertThat(listings.stream().map(Listing::id).distinct().count()).isEqualTo(600);
        assertThat(listings).extracting(Listing::ingestionOrder).doesNotHaveDuplicates();
        assertThat(GeneratedListings.generate(600, 5)).isEqualTo(listings);
    }

    @Test
    void median_of_odd_and_even_rounds() {
        assertThat(EngineBenchmark.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(EngineBenchmark.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }
}
