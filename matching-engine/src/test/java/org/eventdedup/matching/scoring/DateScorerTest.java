package org.eventdedup.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.eventdedup.matching.scoring.ConfigBuilder.aConfig;
import static org.eventdedup.matching.scoring.ListingBuilder.aListing;

import java.time.LocalDate;
import java.time.LocalTime;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateScorerTest {

    private static double score(ListingBuilder a, ListingBuilder b, MatchingConfig config) {
        return new DateScorer(config.date()).score(a.prepared(config), b.prepared(config));
    }

    private static double score(ListingBuilder a, ListingBuilder b) {
        return score(a, b, MatchingConfig.DEFAULT);
    }

    @Test
    void scores_the_jaccard_overlap_of_the_date_sets() { // D1
        assertThat(score(aListing("a").on("2026-03-01"), aListing("b").on("2026-03-01"))).isEqualTo(1.0);
        assertThat(score(aListing("a").on("2026-03-01"), aListing("b").on("2026-03-02"))).isEqualTo(0.0);
        assertThat(score(aListing("a").on("2026-03-01").on("2026-03-02"),
                aListing("b").on("2026-03-01").on("2026-03-03"))).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void no_dates_on_either_side_scores_0() { // D2
        assertThat(score(aListing("a"), aListing("b").on("2026-03-01"))).isEqualTo(0.0);
        assertThat(score(aListing("a").on("2026-03-01"), aListing("b"))).isEqualTo(0.0);
        assertThat(score(aListing("a"), aListing("b"))).isEqualTo(0.0);
    }

    @Test
    void expands_a_multi_day_range_day_by_day() {
        // D3 (B expanded only start_date/end_date objects, which production never had; Part A 4 expands date..end_date)
        assertThat(score(aListing("a").from("2026-03-01", "2026-03-03"), aListing("b").on("2026-03-02")))
                .isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void keeps_only_the_first_max_range_days_of_a_long_range() {
        ListingBuilder range = aListing("a").from("2026-03-01", "2026-03-10");
        assertThat(score(range, aListing("b").on("2026-03-05"))).isCloseTo(0.1, within(1e-12));
        assertThat(score(range, aListing("b").on("2026-03-05"), aConfig().maxRangeDays(3).build())).isEqualTo(0.0);
        assertThat(score(range, aListing("b").on("2026-03-02"), aConfig().maxRangeDays(3).build()))
                .isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void an_end_date_before_the_date_counts_as_a_single_day() {
        assertThat(score(aListing("a").from("2026-03-05", "2026-03-01"), aListing("b").on("2026-03-05")))
                .isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
            "14:00, 14:00, 1.0",
            "14:00, 14:30, 1.0",
            "14:00, 14:31, 0.1",
            "10:00, 11:30, 0.1",
            "10:00, 11:59, 0.0",  // far_factor (D5)
            "10:00, 12:01, 0.0",  // gap penalty factor (D5)
            "23:30, 00:15, 0.0",  // no wrap-around past midnight
    })
    void applies_the_start_time_factor_with_the_default_config(String ta, String tb, double expected) {
        assertThat(score(aListing("a").on("2026-03-01", ta), aListing("b").on("2026-03-01", tb)))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void uses_the_configured_factors() {
        ListingBuilder two = aListing("a").on("2026-03-01", "14:00");
        assertThat(score(two, aListing("b").on("2026-03-01", "15:00"), aConfig().closeFactor(0.7).build()))
                .isEqualTo(0.7); // D4
        assertThat(score(aListing("a").on("2026-03-01", "10:00"), aListing("b").on("2026-03-01", "14:00"),
                aConfig().farFactor(0.3).build())).isEqualTo(0.0); // D5: beyond 2 h the penalty factor applies
        MatchingConfig threeHours = aConfig().timeGapPenaltyHours(3).farFactor(0.3).build();
        assertThat(score(aListing("a").on("2026-03-01", "10:00"), aListing("b").on("2026-03-01", "12:30"), threeHours))
                .isEqualTo(0.3); // D6
        MatchingConfig penalty = aConfig().timeGapPenaltyHours(3).farFactor(0.3).timeGapPenaltyFactor(0.1).build();
        assertThat(score(aListing("a").on("2026-03-01", "10:00"), aListing("b").on("2026-03-01", "13:21"), penalty))
                .isEqualTo(0.1);
    }

    @Test
    void a_missing_start_time_gets_the_benefit_of_the_doubt() { // D7 (the event_dates key is a parser concern here)
        assertThat(score(aListing("a").on("2026-03-01", "10:00"), aListing("b").on("2026-03-01"))).isEqualTo(1.0);
    }

    @Test
    void the_first_entry_covering_a_date_decides_its_start_time() {
        ListingBuilder twoShows = aListing("a").on("2026-03-01", "14:00").on("2026-03-01", "20:00");
        assertThat(score(twoShows, aListing("b").on("2026-03-01", "14:00"))).isEqualTo(1.0);
        assertThat(score(twoShows, aListing("b").on("2026-03-01", "20:00"))).isEqualTo(0.0);
        PreparedListing prepared = twoShows.prepared();
        assertThat(prepared.dates()).containsExactly(LocalDate.parse("2026-03-01"));
        assertThat(prepared.startTimeOn(LocalDate.parse("2026-03-01"))).isEqualTo(LocalTime.of(14, 0));
    }

    @Test
    void averages_the_time_factors_over_the_shared_dates() {
        ListingBuilder a = aListing("a").on("2026-03-01", "10:00").on("2026-03-02", "10:00");
        ListingBuilder b = aListing("b").on("2026-03-01", "10:00").on("2026-03-02", "18:00");
        assertThat(score(a, b)).isCloseTo(0.5, within(1e-12));
    }
}
