package org.eventdedup.worker.adapter.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.worker.adapter.gemini.ListingBuilder.aListing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HexFormat;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Listing;
import org.junit.jupiter.api.Test;

class PairHashTest {

    /**
     * Computed with Python, following B §7.5 to the letter:
     * <pre>
     * a = {"title": "Fasnetsumzug \"Narrenzunft\" Gengenbach",
     *      "description": "Großer Umzug mit über 3000 Hästrägern.\nEintritt frei.", "short_description": None,
     *      "location_city": "Gengenbach", "location_name": None,
     *      "dates": sorted(["2026-02-15", "2026-02-14"]), "categories": sorted(["fasnacht", "Umzug", "ümlaut"])}
     * b = {"title": "Großer Fasnetumzug", "description": None, "short_description": "Umzug der Zünfte 🎭",
     *      "location_city": "Gengenbach", "location_name": "Innenstadt", "dates": ["2026-02-14"], "categories": []}
     * s = json.dumps([b, a], sort_keys=True, ensure_ascii=False)   # id "bwb-1200" < "pdf-9d58bea1-1-6"
     * hashlib.sha256(s.encode("utf-8")).hexdigest()
     * </pre>
     */
    static final String EXPECTED_HASH = "b1e32cd2e42a3d7374d1a2e3dc22d018e42ae79c157e7fda485ec60d1c1d30da";
    static final String EXPECTED_JSON = "[{\"categories\": [], \"dates\": [\"2026-02-14\"], \"description\": null, "
            + "\"location_city\": \"Gengenbach\", \"location_name\": \"Innenstadt\", "
            + "\"short_description\": \"Umzug der Zünfte 🎭\", \"title\": \"Großer Fasnetumzug\"}, "
            + "{\"categories\": [\"Umzug\", \"fasnacht\", \"ümlaut\"], \"dates\": [\"2026-02-14\", \"2026-02-15\"], "
            + "\"description\": \"Großer Umzug mit über 3000 Hästrägern.\\nEintritt frei.\", "
            + "\"location_city\": \"Gengenbach\", \"location_name\": null, \"short_description\": null, "
            + "\"title\": \"Fasnetsumzug \\\"Narrenzunft\\\" Gengenbach\"}]";

    private final Listing pdf = aListing("pdf-9d58bea1-1-6").withTitle("Fasnetsumzug \"Narrenzunft\" Gengenbach")
            .withDescription("Großer Umzug mit über 3000 Hästrägern.\nEintritt frei.").withShortDescription(null)
            .withLocation(null, "Gengenbach").withCategories("fasnacht", "Umzug", "ümlaut")
            .withDates(new EventDate(LocalDate.of(2026, 2, 15), LocalTime.of(14, 0), null, null),
                    new EventDate(LocalDate.of(2026, 2, 14), null, null, LocalDate.of(2026, 2, 14)))
            .build();
    private final Listing bwb = aListing("bwb-1200").withTitle("Großer Fasnetumzug").withDescription(null)
            .withShortDescription("Umzug der Zünfte 🎭").withLocation("Innenstadt", "Gengenbach").withCategories()
            .withDates(new EventDate(LocalDate.of(2026, 2, 14), LocalTime.of(19, 30), LocalTime.of(23, 0), null))
            .build();

    @Test
    void the_hash_equals_pythons_json_dumps_sha256() {
        assertThat(PairHash.canonicalJson(bwb, pdf)).isEqualTo(EXPECTED_JSON);
        assertThat(PairHash.of(pdf, bwb)).isEqualTo(EXPECTED_HASH);
    }

    @Test
    void the_hash_does_not_depend_on_argument_order_and_is_64_lower_case_hex() { // B §14 A7
        assertThat(PairHash.of(bwb, pdf)).isEqualTo(PairHash.of(pdf, bwb)).matches("[0-9a-f]{64}");
    }

    @Test
    void ids_times_geo_and_other_fields_are_not_part_of_it_but_the_title_is() {
        Listing sameContentOtherIdAndTimes = aListing("pdf-other").withTitle(pdf.title())
                .withDescription(pdf.description()).withLocation(null, "Gengenbach")
                .withCategories("ümlaut", "fasnacht", "Umzug")
                .withDates(new EventDate(LocalDate.of(2026, 2, 14), LocalTime.of(9, 0), null, null),
                        new EventDate(LocalDate.of(2026, 2, 15), null, null, null))
                .withSource("emt", "anzeige").build();
        Listing otherTitle = aListing(pdf.id()).withTitle("Kinderumzug").withDescription(pdf.description())
                .withLocation(null, "Gengenbach").withCategories("fasnacht", "Umzug", "ümlaut")
                .withDates(pdf.dates().toArray(EventDate[]::new)).build();

        assertThat(PairHash.of(bwb, sameContentOtherIdAndTimes)).isEqualTo(EXPECTED_HASH);
        assertThat(PairHash.of(bwb, otherTitle)).isNotEqualTo(EXPECTED_HASH);
    }

    @Test
    void listings_are_ordered_by_code_point_not_by_utf16_unit() throws Exception {
        // U+FF21 (fullwidth A) sorts before U+1F600 by code point, but after its surrogates by UTF-16 unit
        Listing bmp = aListing("\uFF21").withTitle("first").build();
        Listing astral = aListing("\uD83D\uDE00").withTitle("second").build();

        assertThat(PairHash.of(astral, bmp)).isEqualTo(sha256(PairHash.canonicalJson(bmp, astral)));
        assertThat(PairHash.of(bmp, astral)).isEqualTo(sha256(PairHash.canonicalJson(bmp, astral)));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void control_characters_are_escaped_as_python_does() {
        Listing odd = aListing("a").withTitle("tab\there \u0001 back\\slash \u007f \u2028").build();

        assertThat(PairHash.canonicalJson(odd, odd)).contains(
                "\"title\": \"tab\\there \\u0001 back\\\\slash \u007f \u2028\"");
    }
}
