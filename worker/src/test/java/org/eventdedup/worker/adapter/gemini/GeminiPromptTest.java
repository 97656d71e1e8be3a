package org.eventdedup.worker.adapter.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.worker.adapter.gemini.Candidates.candidate;
import static org.eventdedup.worker.adapter.gemini.ListingBuilder.aListing;

import java.time.LocalDate;
import java.time.LocalTime;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Listing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiPromptTest {

    private final Listing a = aListing("bwb-1").withSource("bwb", "terminliste").withTitle("Kinderfasnet")
            .withDescription("Umzug und Party").withLocation("Stadthalle", "Offenburg")
            .withCategories("fasnacht", "familie").build();
    private final Listing b = aListing("bz-7").withSource("bz", "artikel").withTitle("Närrischer Nachmittag")
            .withDescription(null).withShortDescription("Für Kinder").withLocation(null, null).withCategories()
            .withDates().build();

    @Test
    void both_events_and_the_scoring_context_are_written_out() {
        String prompt = GeminiPrompt.userMessage(candidate(a, b));

        assertThat(prompt).isEqualTo("""
                Do these two event records describe the same real-world event?

                Event A (id bwb-1, source bwb, type terminliste)
                Title: Kinderfasnet
                Description: Umzug und Party
                Location: Stadthalle, Offenburg
                Dates: 2026-02-14 14:00
                Categories: fasnacht, familie

                Event B (id bz-7, source bz, type artikel)
                Title: Närrischer Nachmittag
                Description: Für Kinder

                Deterministic scoring context:
                - Combined score (weighted, as used for the decision): 0.78
                - Date similarity: 1.00
                - Location similarity: 1.00
                - Title similarity: 0.26
                - Description similarity: 1.00
                The automatic matcher could not decide: the pair fell between its match and no-match thresholds.

                Same event or different events?""");
    }

    @Test
    void a_missing_source_code_is_left_out_of_the_header() {
        Listing noSource = aListing("a0").withSource(null, "anzeige").build();

        assertThat(GeminiPrompt.userMessage(candidate(noSource, a))).contains("Event A (id a0, type anzeige)\n");
    }

    @ParameterizedTest(name = "{0} code points -> {1}")
    @CsvSource({"499, 499", "500, 500", "501, 500", "2000, 500"})
    void descriptions_are_cut_to_500_code_points_with_an_ellipsis(int length, int expected) {
        String cut = GeminiPrompt.truncate("ä".repeat(length));

        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(expected);
        assertThat(cut.endsWith("...")).isEqualTo(length > 500);
    }

    @Test
    void truncation_never_splits_a_surrogate_pair() {
        String cut = GeminiPrompt.truncate("🎭".repeat(600));

        assertThat(cut).isEqualTo("🎭".repeat(497) + "...");
    }

    @Test
    void at_most_five_dates_are_listed_in_their_order() {
        Listing many = aListing("m").withDates(
                day(9), day(1), day(2), day(3), day(4), day(5), day(6)).build();

        String prompt = GeminiPrompt.userMessage(candidate(many, a));

        assertThat(prompt).contains("Dates: 2026-05-09; 2026-05-01; 2026-05-02; 2026-05-03; 2026-05-04 (and 2 more)\n");
    }

    @Test
    void a_date_shows_its_times_and_range() {
        LocalDate day = LocalDate.of(2026, 7, 12);
        assertThat(GeminiPrompt.format(new EventDate(day, LocalTime.of(14, 0), LocalTime.of(18, 30), null)))
                .isEqualTo("2026-07-12 14:00-18:30");
        assertThat(GeminiPrompt.format(new EventDate(day, null, null, LocalDate.of(2026, 7, 14))))
                .isEqualTo("2026-07-12 to 2026-07-14");
        assertThat(GeminiPrompt.format(new EventDate(day, LocalTime.of(9, 15, 30), null, null)))
                .isEqualTo("2026-07-12 09:15:30");
        assertThat(GeminiPrompt.format(new EventDate(day, null, LocalTime.of(23, 0), null)))
                .isEqualTo("2026-07-12 until 23:00");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0.7766, 0.78", "0.125, 0.12", "0.375, 0.38", "1.0, 1.00", "0.0, 0.00", "0.655, 0.66"})
    void scores_have_two_decimals_rounded_as_python_does(double value, String expected) {
        assertThat(GeminiPrompt.twoDecimals(value)).isEqualTo(expected);
    }

    @Test
    void the_system_instruction_carries_the_guidance_of_the_earlier_service() {
        assertThat(GeminiPrompt.SYSTEM_INSTRUCTION).contains("Fasnet", "Fasching", "Fastnacht", "Karneval",
                "artikel", "terminliste", "multi-day", "Venue names vary", "facts", "same venue on the same day",
                "JSON");
    }

    private static EventDate day(int dayOfMonth) {
        return new EventDate(LocalDate.of(2026, 5, dayOfMonth), null, null, null);
    }
}
