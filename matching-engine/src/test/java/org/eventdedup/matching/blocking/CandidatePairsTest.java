package org.eventdedup.matching.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.eventdedup.matching.scoring.ConfigBuilder.aConfig;
import static org.eventdedup.matching.scoring.ListingBuilder.aListing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eventdedup.config.domain.model.BoundingBox;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.matching.scoring.ConfigBuilder;
import org.eventdedup.matching.scoring.ListingBuilder;
import org.eventdedup.matching.scoring.PreparedListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CandidatePairsTest {

    private static CandidatePairs pairs(MatchingConfig config, ListingBuilder... listings) {
        List<PreparedListing> prepared = Stream.of(listings).map(l -> l.prepared(config)).toList();
        return CandidatePairs.generate(prepared, new BlockingKeys(config.blocking()));
    }

    private static CandidatePairs pairs(ListingBuilder... listings) {
        return pairs(MatchingConfig.DEFAULT, listings);
    }

    private static List<String> ids(CandidatePairs pairs) {
        return IntStream.range(0, pairs.size()).mapToObj(k -> pairs.first(k).id() + "+" + pairs.second(k).id()).toList();
    }

    private static ListingBuilder inKenzingen(String id) {
        return aListing(id).on("2026-02-12").city("Kenzingen");
    }

    @Test
    void two_listings_sharing_a_key_form_one_pair() { // CP1
        assertThat(ids(pairs(inKenzingen("a"), inKenzingen("b")))).containsExactly("a+b");
    }

    @Test
    void a_block_of_three_gives_three_pairs() { // CP2 (same source included: the builder uses one source)
        assertThat(ids(pairs(inKenzingen("c"), inKenzingen("a"), inKenzingen("b")))).containsExactly("a+b", "a+c", "b+c");
    }

    @Test
    void orders_each_pair_and_the_list_by_id_code_points() { // CP3
        assertThat(ids(pairs(inKenzingen("z99"), inKenzingen("a01")))).containsExactly("a01+z99");
        // U+1F600 sorts after U+FF5E by code point (String.compareTo would say the opposite)
        assertThat(ids(pairs(inKenzingen("\uD83D\uDE00"), inKenzingen("\uFF5E"))))
                .containsExactly("\uFF5E+\uD83D\uDE00");
    }

    @Test
    void a_pair_sharing_several_keys_is_kept_once() { // CP4
        ListingBuilder a = aListing("a").on("2026-02-12").on("2026-02-13").city("Kenzingen").geo(48.19, 7.81, 1.0);
        ListingBuilder b = aListing("b").on("2026-02-12").on("2026-02-13").city("Kenzingen").geo(48.19, 7.81, 1.0);
        assertThat(ids(pairs(a, b))).containsExactly("a+b");
    }

    @Test
    void disjoint_or_missing_keys_give_no_pairs() { // CP5
        assertThat(pairs(inKenzingen("a"), aListing("b").on("2026-02-12").city("Lahr")).size()).isZero();
        assertThat(pairs(inKenzingen("a"), aListing("b").on("2026-02-12")).size()).isZero();
        assertThat(pairs(aListing("a"), aListing("b")).size()).isZero();
    }

    @Test
    void reports_the_blocking_statistics() { // CP6
        assertThat(pairs(inKenzingen("a"), inKenzingen("b")).stats())
                .isEqualTo(new CandidatePairs.Stats(2, 1, 1, 0.0));
        assertThat(pairs().stats()).isEqualTo(new CandidatePairs.Stats(0, 0, 0, 0.0));
        CandidatePairs.Stats four = pairs(inKenzingen("a"), inKenzingen("b"), aListing("c"), aListing("d")).stats();
        assertThat(four.totalPossiblePairs()).isEqualTo(6);
        assertThat(four.reductionPct()).isCloseTo((1 - 1 / 6.0) * 100, within(1e-12));
    }

    @Test
    void rejects_duplicate_ids() {
        assertThatThrownBy(() -> pairs(inKenzingen("a"), inKenzingen("a"))).hasMessageContaining("duplicate listing id: a");
    }

    @Test
    void gives_the_same_pairs_as_a_naive_all_pairs_key_comparison_whatever_the_input_order() {
        Random random = new Random(3);
        String[] cities = {"Kenzingen", "Nordweil", "Lahr", "Emmendingen", ""};
        List<PreparedListing> listings = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ListingBuilder b = aListing("id" + random.nextInt(1_000_000) + "-" + i)
                    .city(cities[random.nextInt(cities.length)]);
            for (int d = random.nextInt(3); d > 0; d--) {
                b.on("2026-02-1" + random.nextInt(4));
            }
            if (random.nextBoolean()) {
                b.geo(48.0 + random.nextInt(30) * 0.01, 7.8 + random.nextInt(30) * 0.01, 0.9);
            }
            listings.add(b.prepared());
        }
        BlockingKeys keys = new BlockingKeys(MatchingConfig.DEFAULT.blocking());
        List<String> expected = new ArrayList<>();
        List<PreparedListing> sorted = new ArrayList<>(listings);
        sorted.sort((x, y) -> x.id().compareTo(y.id()));
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                if (!Collections.disjoint(keys.keysFor(sorted.get(i)), keys.keysFor(sorted.get(j)))) {
                    expected.add(sorted.get(i).id() + "+" + sorted.get(j).id());
                }
            }
        }
        assertThat(ids(CandidatePairs.generate(listings, keys))).isEqualTo(expected).isNotEmpty();
        Collections.shuffle(listings, random);
        assertThat(ids(CandidatePairs.generate(listings, keys))).isEqualTo(expected);
    }

    record Row(String parameter, UnaryOperator<ConfigBuilder> change, ListingBuilder a, ListingBuilder b,
               int before, int after) {
        @Override
        public String toString() {
            return parameter + ": " + before + " -> " + after + " pairs";
        }
    }

    static Stream<Row> parameterRows() {
        return Stream.of(
                new Row("blocking.geo_grid_lat_deg", c -> c.gridLat(0.5),
                        aListing("a").on("2026-02-12").geo(48.10, 7.81, 1.0),
                        aListing("b").on("2026-02-12").geo(48.20, 7.81, 1.0), 0, 1),
                new Row("blocking.geo_grid_lon_deg", c -> c.gridLon(0.5),
                        aListing("a").on("2026-02-12").geo(48.19, 7.80, 1.0),
                        aListing("b").on("2026-02-12").geo(48.19, 7.95, 1.0), 0, 1),
                new Row("blocking.min_geo_confidence", c -> c.minGeoConfidence(0.6),
                        aListing("a").on("2026-02-12").geo(48.19, 7.81, 0.7),
                        aListing("b").on("2026-02-12").geo(48.19, 7.81, 0.7), 0, 1),
                new Row("blocking.bounding_box (null = anywhere)", c -> c.boundingBox(null),
                        aListing("a").on("2026-02-12").geo(52.52, 13.40, 1.0),
                        aListing("b").on("2026-02-12").geo(52.52, 13.40, 1.0), 0, 1),
                new Row("blocking.bounding_box (smaller)", c -> c.boundingBox(new BoundingBox(47.5, 48.0, 7.3, 8.5)),
                        aListing("a").on("2026-02-12").geo(48.19, 7.81, 1.0),
                        aListing("b").on("2026-02-12").geo(48.19, 7.81, 1.0), 1, 0),
                new Row("blocking.max_range_days", c -> c.maxRangeDays(2),
                        aListing("a").from("2026-02-12", "2026-02-20").city("Lahr"),
                        aListing("b").on("2026-02-18").city("Lahr"), 1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterRows")
    void each_blocking_parameter_changes_which_pairs_are_candidates(Row row) {
        assertThat(pairs(aConfig().build(), row.a(), row.b()).size()).isEqualTo(row.before());
        assertThat(pairs(row.change().apply(aConfig()).build(), row.a(), row.b()).size()).isEqualTo(row.after());
    }
}
