package org.eventdedup.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.eventdedup.matching.scoring.ConfigBuilder.aConfig;
import static org.eventdedup.matching.scoring.ListingBuilder.aListing;

import org.eventdedup.config.domain.model.MatchingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TitleScorerTest {

    private static final MatchingConfig CROSS = aConfig().shippedCrossSourceType().build();

    private static double score(String a, String typeA, String b, String typeB, MatchingConfig config) {
        return new TitleScorer(config.title()).score(aListing("a").title(a).sourceType(typeA).prepared(config),
                aListing("b").title(b).sourceType(typeB).prepared(config));
    }

    private static double score(String a, String b) {
        return score(a, "terminliste", b, "terminliste", MatchingConfig.DEFAULT);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Konzert im Stadtpark               | Stadtpark Konzert                                        | 0.9189 | 0.9676
            Preismaskenball                    | Preismaskenball mit Hemdglunker und Musikverein          | 0.6387 | 0.7935
            Schiebeschlage                     | Traditionelles Schiebeschlage mit gluehenden Holzscheiben | 0.3944 | 0.7577
            WOODWALKERS 2                      | Woodwalkers 2                                            | 1.0    | 1.0
            G.O.A.T. - Bock auf große Sprünge  | G.O.A.T. - BOCK AUF GROSSE SPRÜNGE                       | 1.0    | 1.0
            """)
    void reproduces_the_reference_values_of_spec_5_4(String a, String b, double standard, double cross) {
        // normalised titles (Part A 1) give the same values here: these titles have no prefix, synonym or punctuation
        // that the raw casefolded comparison of B would have treated differently
        assertThat(score(a, "terminliste", b, "terminliste", CROSS)).isCloseTo(standard, within(1e-4));
        assertThat(score(a, "terminliste", b, "artikel", CROSS)).isCloseTo(cross, within(1e-4)); // T3, T5
        assertThat(score(a, "artikel", b, "terminliste", CROSS)).isCloseTo(cross, within(1e-4));
    }

    @Test
    void identical_titles_score_1_and_missing_titles_0() { // T1
        assertThat(score("Fasnetumzug Nordweil", "Fasnetumzug Nordweil")).isEqualTo(1.0);
        assertThat(score("", "Fasnetumzug")).isEqualTo(0.0);
        assertThat(score("   ", "Fasnetumzug")).isEqualTo(0.0);
        assertThat(score("!?!", "Fasnetumzug")).isEqualTo(0.0);
        assertThat(score("", "")).isEqualTo(0.0);
    }

    @Test
    void different_titles_score_low_and_reordered_ones_high() { // T2
        assertThat(score("AAAA BBBB CCCC", "XXXX YYYY ZZZZ")).isLessThan(0.2);
        assertThat(score("Konzert im Stadtpark", "Stadtpark Konzert")).isGreaterThan(0.7);
    }

    @Test
    void uses_the_cross_source_type_blend_only_for_artikel_versus_terminliste() { // T4
        double standard = score("Preismaskenball", "Preismaskenball mit Hemdglunker und Musikverein");
        String b = "Preismaskenball mit Hemdglunker und Musikverein";
        assertThat(score("Preismaskenball", "artikel", b, "artikel", CROSS)).isEqualTo(standard);
        assertThat(score("Preismaskenball", "", b, "artikel", CROSS)).isEqualTo(standard);
        assertThat(score("Preismaskenball", "anzeige", b, "artikel", CROSS)).isEqualTo(standard);
        assertThat(score("Preismaskenball", "Artikel", b, "terminliste", CROSS)).isEqualTo(standard);
        assertThat(score("Preismaskenball", "terminliste", b, "artikel", MatchingConfig.DEFAULT)).isEqualTo(standard);
        assertThat(score("Preismaskenball", "terminliste", b, "artikel", CROSS)).isGreaterThan(standard);
    }

    @Test
    void compares_normalised_titles_so_prefixes_and_dialect_do_not_cost_a_match() {
        // Part A 1: B compared raw titles, where this pair scored 0.3846 (token sort of the casefolded raw strings)
        assertThat(score("Nordwiler Narrenfahrplan - Fasnetumzug", "Fastnachtumzug")).isEqualTo(1.0);
        assertThat(score("Vortrag: Karneval in Venedig", "Fasching in Venedig!")).isEqualTo(1.0);
        assertThat(score("Hemdklunker-Umzug", "Hemdglunker Umzug")).isLessThan(1.0); // the hyphen is kept
    }

    @Test
    void keeps_the_blend_in_0_1_whatever_weights_are_entered() {
        // Part A 3: (pw·p + sw·s) / (pw + sw); B's pw·p + sw·s would give 1.0·0.4839 + 1.0·1.0 = 1.48
        MatchingConfig heavy = aConfig().primaryWeight(1.0).secondaryWeight(1.0).build();
        double p = 0.4838709677419355;
        assertThat(score("Preismaskenball", "terminliste", "Preismaskenball mit Hemdglunker und Musikverein",
                "terminliste", heavy)).isCloseTo((p + 1.0) / 2, within(1e-12));
        MatchingConfig zero = aConfig().primaryWeight(0).secondaryWeight(0).build();
        assertThat(score("Preismaskenball", "terminliste", "Preismaskenball mit Hemdglunker und Musikverein",
                "terminliste", zero)).isCloseTo(p, within(1e-12));
    }

    @Test
    void blends_inside_the_window_inclusive_and_not_outside() {
        // p = 0.4839 with token set 1.0
        String a = "Preismaskenball";
        String b = "Preismaskenball mit Hemdglunker und Musikverein";
        double p = 0.4838709677419355;
        assertThat(score(a, "x", b, "x", aConfig().blendLower(p).build())).isCloseTo(0.7 * p + 0.3, within(1e-12));
        assertThat(score(a, "x", b, "x", aConfig().blendLower(0.49).build())).isCloseTo(p, within(1e-12));
        assertThat(score(a, "x", b, "x", aConfig().blendUpper(0.48).build())).isCloseTo(p, within(1e-12));
    }
}
