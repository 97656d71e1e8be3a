package org.eventdedup.matching.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.eventdedup.matching.scoring.ListingBuilder.aListing;

import org.junit.jupiter.api.Test;

class DescriptionScorerTest {

    private static double score(ListingBuilder a, ListingBuilder b) {
        return new DescriptionScorer().score(a.prepared(), b.prepared());
    }

    @Test
    void identical_descriptions_score_1_and_unrelated_ones_low() { // DS1
        assertThat(score(aListing("a").description("Ein Abend mit Musik"), aListing("b").description("Ein Abend mit Musik")))
                .isEqualTo(1.0);
        assertThat(score(aListing("a").description("AAAA BBBB CCCC DDDD EEEE"),
                aListing("b").description("XXXX YYYY ZZZZ WWWW VVVV"))).isLessThan(0.2);
    }

    @Test
    void missing_descriptions_give_the_fixed_values() { // DS2
        assertThat(score(aListing("a"), aListing("b"))).isEqualTo(0.5);
        assertThat(score(aListing("a").description(""), aListing("b").description(""))).isEqualTo(0.5);
        assertThat(score(aListing("a").description("Musik"), aListing("b"))).isEqualTo(0.4);
        assertThat(score(aListing("a"), aListing("b").description("Musik"))).isEqualTo(0.4);
        // punctuation only normalises to nothing
        assertThat(score(aListing("a").description("..."), aListing("b").description("Musik"))).isEqualTo(0.4);
    }

    @Test
    void compares_similar_descriptions_on_normalised_text() { // DS3
        // B compared raw text (0.7679); Part A 1 compares normalize_text: lowercase, no full stops -> 0.7455
        double score = score(
                aListing("a").description("Familienkonzert im Stadtpark mit dem Philharmonie-Orchester."),
                aListing("b").description("Konzert der Philharmonie im Stadtpark fuer Familien."));
        assertThat(score).isBetween(0.3, 0.9).isCloseTo(0.7454545454545455, within(1e-9));
    }

    @Test
    void ignores_case_and_dialect_in_descriptions() {
        // B: 0.875, because its comparison was case-sensitive (Part A 1)
        assertThat(score(aListing("a").description("Ein tolles Event"), aListing("b").description("ein tolles event")))
                .isEqualTo(1.0);
        assertThat(score(aListing("a").description("Großer Fasnetumzug"), aListing("b").description("grosser Fastnachtumzug")))
                .isEqualTo(1.0);
    }

    @Test
    void falls_back_to_the_short_description_per_listing() { // DS4
        assertThat(score(aListing("a").shortDescription("Kurz"), aListing("b").shortDescription("Kurz"))).isEqualTo(1.0);
        assertThat(score(aListing("a").description("").shortDescription("Kurz"),
                aListing("b").description("").shortDescription("Kurz"))).isEqualTo(1.0);
        assertThat(score(aListing("a").description("Lang").shortDescription("eins"),
                aListing("b").description("Lang").shortDescription("zwei"))).isEqualTo(1.0);
        assertThat(score(aListing("a").description("Kurz").shortDescription("x"),
                aListing("b").shortDescription("Kurz"))).isEqualTo(1.0);
    }
}
