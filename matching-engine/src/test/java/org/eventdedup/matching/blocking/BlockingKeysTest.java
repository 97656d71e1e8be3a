package org.eventdedup.matching.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.matching.scoring.ConfigBuilder.aConfig;
import static org.eventdedup.matching.scoring.ListingBuilder.aListing;

import java.util.List;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.matching.scoring.ListingBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockingKeysTest {

    private static List<String> keys(ListingBuilder listing, MatchingConfig config) {
        return new BlockingKeys(config.blocking()).keysFor(listing.prepared(config));
    }

    private static List<String> keys(ListingBuilder listing) {
        return keys(listing, MatchingConfig.DEFAULT);
    }

    @Test
    void a_city_without_geo_gives_one_city_key_per_date() { // B1, I3
        assertThat(keys(aListing("a").on("2026-02-12").city("Kenzingen"))).containsExactly("dc|2026-02-12|kenzingen");
        assertThat(keys(aListing("a").on("2026-02-12").city("Nordweil"))).containsExactly("dc|2026-02-12|kenzingen");
    }

    @Test
    void trusted_geo_without_city_gives_one_grid_key() { // B2
        assertThat(keys(aListing("a").on("2026-02-12").geo(48.19, 7.81, 1.0)))
                .containsExactly("dg|2026-02-12|48.15|7.80");
    }

    @Test
    void city_and_geo_give_two_keys_per_date_in_date_order() { // B3
        assertThat(keys(aListing("a").on("2026-02-12").city("Kenzingen").geo(48.19, 7.81, 1.0))).hasSize(2);
        assertThat(keys(aListing("a").on("2026-02-13").on("2026-02-12").city("Kenzingen").geo(48.19, 7.81, 1.0)))
                .containsExactly("dc|2026-02-13|kenzingen", "dg|2026-02-13|48.15|7.80",
                        "dc|2026-02-12|kenzingen", "dg|2026-02-12|48.15|7.80");
    }

    @Test
    void low_confidence_or_missing_confidence_gives_no_grid_key() { // B4
        assertThat(keys(aListing("a").on("2026-02-12").geo(48.19, 7.81, 0.80))).isEmpty();
        assertThat(keys(aListing("a").on("2026-02-12").geo(48.19, 7.81, null))).isEmpty();
        assertThat(keys(aListing("a").on("2026-02-12").geo(47.99, 7.85, 0.85))).hasSize(1);
    }

    @Test
    void geo_outside_the_bounding_box_gives_no_grid_key_unless_the_box_is_null() { // B5
        assertThat(keys(aListing("a").on("2026-02-12").geo(49.74, 8.65, 1.0))).isEmpty();
        assertThat(keys(aListing("a").on("2026-02-12").geo(49.74, 8.65, 1.0), aConfig().boundingBox(null).build()))
                .containsExactly("dg|2026-02-12|49.77|8.71");
        assertThat(keys(aListing("a").on("2026-02-12").geo(48.5, 8.5, 1.0))).hasSize(1); // edges are inside
    }

    @Test
    void nothing_to_block_on_gives_no_keys() { // B6
        assertThat(keys(aListing("a").on("2026-02-12").city(""))).isEmpty();
        assertThat(keys(aListing("a").city("Kenzingen").geo(48.19, 7.81, 1.0))).isEmpty(); // no date
    }

    @ParameterizedTest(name = "({0}, {1}) -> {2}")
    @CsvSource(delimiter = ';', value = {
            "48.19; 7.81; 48.15|7.80",
            "48.19; 7.82; 48.15|7.80", // B7
            "48.0; 7.8; 47.97|7.80",
            "48.09; 7.96; 48.06|7.93",
            "48.256; 7.812; 48.24|7.80",
            "-0.01; -0.01; 0.00|0.00",
    })
    void snaps_to_the_nearest_grid_multiple_with_two_decimals(double lat, double lon, String cell) {
        assertThat(new BlockingKeys(MatchingConfig.DEFAULT.blocking()).gridCell(lat, lon)).isEqualTo(cell);
    }

    @Test
    void expands_date_ranges_up_to_max_range_days() {
        ListingBuilder range = aListing("a").from("2026-02-12", "2026-02-20").city("Lahr");
        assertThat(keys(range)).hasSize(9);
        assertThat(keys(range, aConfig().maxRangeDays(2).build()))
                .containsExactly("dc|2026-02-12|lahr", "dc|2026-02-13|lahr");
    }

    @Test
    void grid_size_and_confidence_come_from_the_config() {
        ListingBuilder listing = aListing("a").on("2026-02-12").geo(48.19, 7.81, 0.80);
        assertThat(keys(listing, aConfig().minGeoConfidence(0.8).build())).containsExactly("dg|2026-02-12|48.15|7.80");
        assertThat(keys(listing, aConfig().minGeoConfidence(0.8).gridLat(0.5).gridLon(0.5).build()))
                .containsExactly("dg|2026-02-12|48.00|8.00");
    }
}
