package org.eventdedup.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.eventdedup.matching.scoring.ConfigBuilder.aConfig;
import static org.eventdedup.matching.scoring.ListingBuilder.aListing;

import org.eventdedup.config.domain.model.MatchingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeoScorerTest {

    private static double score(ListingBuilder a, ListingBuilder b, MatchingConfig config) {
        return new GeoScorer(config.geo()).score(a.prepared(config), b.prepared(config));
    }

    private static double score(ListingBuilder a, ListingBuilder b) {
        return score(a, b, MatchingConfig.DEFAULT);
    }

    @Test
    void scores_by_distance_with_a_linear_fall_off() { // G1
        assertThat(score(aListing("a").geo(48.0, 7.8, 0.95), aListing("b").geo(48.0, 7.8, 0.95))).isEqualTo(1.0);
        assertThat(score(aListing("a").geo(48.0, 7.8, 1.0), aListing("b").geo(49.0, 9.0, 1.0))).isEqualTo(0.0);
        assertThat(GeoScorer.haversineKm(48.0, 7.8, 48.045, 7.8)).isCloseTo(5.0038, within(1e-4));
        assertThat(score(aListing("a").geo(48.0, 7.8, 1.0), aListing("b").geo(48.045, 7.8, 1.0)))
                .isCloseTo(0.4996, within(1e-4));
    }

    @Test
    void missing_geo_gives_the_neutral_score() { // G2
        assertThat(score(aListing("a"), aListing("b").geo(48.0, 7.8, 1.0))).isEqualTo(0.5);
        assertThat(score(aListing("a"), aListing("b"), aConfig().neutralScore(0.3).build())).isEqualTo(0.3);
    }

    @Test
    void untrusted_confidence_is_neutral_unless_the_points_are_identical() { // G3
        assertThat(score(aListing("a").geo(48.0, 7.8, 0.50), aListing("b").geo(48.001, 7.8, 0.95))).isEqualTo(0.5);
        assertThat(score(aListing("a").geo(48.0, 7.8, 0.74), aListing("b").geo(48.0, 7.8, 0.74))).isEqualTo(1.0);
        assertThat(score(aListing("a").geo(48.0, 7.8, 0.30), aListing("b").geo(48.0, 7.8, 0.30))).isEqualTo(1.0);
        assertThat(score(aListing("a").geo(48.0, 7.8, null), aListing("b").geo(48.0, 7.8, null))).isEqualTo(1.0);
        // a missing confidence is accepted, unlike in blocking
        assertThat(score(aListing("a").geo(48.0, 7.8, null), aListing("b").geo(48.045, 7.8, null)))
                .isCloseTo(0.4996, within(1e-4));
    }

    @Test
    void a_smaller_max_distance_lowers_the_score() { // G4
        assertThat(score(aListing("a").geo(48.0, 7.8, 1.0), aListing("b").geo(48.045, 7.8, 1.0),
                aConfig().maxDistanceKm(5).build())).isLessThanOrEqualTo(0.1);
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "Stadttheater, Stadttheater, 1.0",
            "Stadttheater, Messehalle, 0.5",
            "Stadttheater, null, 1.0",
            "null, null, 1.0",
            "'   ', Messehalle, 1.0",
            "Stadttheater Freiburg, Freiburg Stadttheater, 1.0",
            "STADTTHEATER, stadttheater, 1.0",
    })
    void compares_venue_names_of_close_points(String nameA, String nameB, double expected) { // G5
        assertThat(score(aListing("a").geo(48.0, 7.8, 1.0).venue(nameA), aListing("b").geo(48.0, 7.8, 1.0).venue(nameB)))
                .isEqualTo(expected);
    }

    @Test
    void ignores_venue_names_beyond_the_venue_distance() {
        double withNames = score(aListing("a").geo(48.0, 7.8, 1.0).venue("Stadttheater"),
                aListing("b").geo(48.045, 7.8, 1.0).venue("Messehalle"));
        double withoutNames = score(aListing("a").geo(48.0, 7.8, 1.0), aListing("b").geo(48.045, 7.8, 1.0));
        assertThat(withNames).isEqualTo(withoutNames);
    }
}
