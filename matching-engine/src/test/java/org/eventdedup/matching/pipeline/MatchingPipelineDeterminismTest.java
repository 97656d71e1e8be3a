package org.eventdedup.matching.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Geo;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.Location;
import org.eventdedup.matching.scoring.ConfigBuilder;
import org.eventdedup.matching.scoring.SpecLexicon;
import org.junit.jupiter.api.Test;

/** The same listings and config give the same result whatever the thread count or the order of the input list. */
class MatchingPipelineDeterminismTest {

    private static final String[] CITIES = {"Emmendingen", "Waldkirch", "Kenzingen"};
    private static final String[] TITLES = {"Konzert im Stadtpark", "Stadtpark Konzert", "Fasnetumzug",
            "Fasnet-Umzug in der Altstadt", "Flohmarkt am Rathaus", "Lesung: Neue Bücher", "Kinderflohmarkt",
            "Preismaskenball", "Preismaskenball mit Hemdglunker und Musikverein"};

    /** ~600 listings in a few busy blocks: well over one scoring chunk of pairs, so two threads really split. */
    private static List<Listing> listings() {
        Random random = new Random(7);
        List<Listing> listings = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String city = CITIES[random.nextInt(CITIES.length)];
            LocalDate day = LocalDate.of(2026, 2, 10 + random.nextInt(4));
            LocalTime time = random.nextBoolean() ? null : LocalTime.of(10 + random.nextInt(3) * 4, 0);
            Geo geo = random.nextInt(3) == 0 ? null
                    : new Geo(48.1 + random.nextInt(3) * 0.01, 7.85, random.nextBoolean() ? 0.95 : 0.7, "DE");
            String title = TITLES[random.nextInt(TITLES.length)];
            List<String> categories = random.nextBoolean() ? List.of("fasnacht") : List.of("musik", "kinder");
            listings.add(new Listing(String.format("s%d-%04d", i % 4, i), "s" + (i % 4),
                    random.nextBoolean() ? "artikel" : "terminliste", title, null,
                    random.nextBoolean() ? null : "Beschreibung " + title.toLowerCase(),
                    List.of("h" + random.nextInt(3)), new Location("Halle " + random.nextInt(2), city, null, null,
                    null, null, geo), List.of(new EventDate(day, time, null, null)), categories, null,
                    random.nextBoolean() ? Boolean.TRUE : null, null, null, null, null, i));
        }
        return listings;
    }

    private static MatchingConfig config() {
        return ConfigBuilder.aConfig().shippedCrossSourceType().shippedCategoryWeights().build();
    }

    @Test
    void one_thread_two_threads_and_a_shuffled_input_give_equal_results() {
        List<Listing> listings = listings();
        List<Listing> shuffled = new ArrayList<>(listings);
        Collections.shuffle(shuffled, new Random(42));

        MatchResult one = new MatchingPipeline(SpecLexicon.LEXICON, null, 1).run(listings, config(), null);
        MatchResult two = new MatchingPipeline(SpecLexicon.LEXICON, null, 2).run(listings, config(), null);
        MatchResult mixed = new MatchingPipeline(SpecLexicon.LEXICON, null, 2).run(shuffled, config(), null);

        assertThat(one.stats().blockedPairs()).isGreaterThan(3 * 4096);
        assertThat(one.stats().matchCount()).isPositive();
        assertThat(one.stats().flaggedCount()).isPositive();
        for (MatchResult other : List.of(two, mixed)) {
            assertThat(other.decisions()).isEqualTo(one.decisions());
            assertThat(other.clustering()).isEqualTo(one.clustering());
            assertThat(other.canonicalEvents()).isEqualTo(one.canonicalEvents());
            assertThat(other.stats()).usingRecursiveComparison().ignoringFields("timings").isEqualTo(one.stats());
        }
    }
}
