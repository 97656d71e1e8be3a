package org.eventdedup.matching.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.eventdedup.matching.scoring.SpecLexicon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class NormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CHECKER TOBI            | checker tobi
            Bürgerhäuser            | buergerhaeuser
            schön                   | schoen
            Straße                  | strasse
            Kita-Gizig-Umzug        | kita-gizig-umzug
            SPD-Veranstaltung       | spd-veranstaltung
            List: item (one)        | list item one
            Hart aber herzlich!     | hart aber herzlich
            Question? Answer.       | question answer
            '"Quoted text"'         | quoted text
            'Café & Bar – „Top“ / +' | 'café & bar – „top“ / +'
            """)
    void normalizes_per_spec_3_1(String input, String expected) {
        assertThat(Normalizer.normalizeText(input)).isEqualTo(expected);
    }

    @Test
    void composes_decomposed_umlauts_before_replacing_them() {
        assertThat(Normalizer.normalizeText("a\u0308pfel")).isEqualTo("aepfel"); // N2
        assertThat(Normalizer.normalizeText("A\u0308PFEL")).isEqualTo("aepfel");
    }

    @Test
    void collapses_every_kind_of_whitespace_and_trims() {
        assertThat(Normalizer.normalizeText("tabs\there")).isEqualTo("tabs here"); // N3
        assertThat(Normalizer.normalizeText("new\nline")).isEqualTo("new line");
        assertThat(Normalizer.normalizeText("  too   many  spaces  ")).isEqualTo("too many spaces");
        assertThat(Normalizer.normalizeText("no\u00a0break\u3000space")).isEqualTo("no break space");
    }

    @Test
    void removes_punctuation_before_collapsing_whitespace_so_no_double_spaces_remain() {
        // Part A 2 changes B §3.1, where "a . b" gave "a  b"
        assertThat(Normalizer.normalizeText("a . b")).isEqualTo("a b");
        assertThat(Normalizer.normalizeText("( x ) ; y !")).isEqualTo("x y");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void null_or_empty_gives_empty(String input) {
        assertThat(Normalizer.normalizeText(input)).isEmpty(); // N6
        assertThat(Normalizer.normalizeText(input, SpecLexicon.LEXICON)).isEmpty();
    }

    @Test
    void applies_synonyms_only_when_a_lexicon_is_given() {
        String withSynonyms = Normalizer.normalizeText("Fasnet-Eröffnung", SpecLexicon.LEXICON); // N7
        assertThat(withSynonyms).contains("fastnacht").doesNotContain("fasnet").isEqualTo("fastnacht-eroeffnung");
        assertThat(Normalizer.normalizeText("Fasnet")).isEqualTo("fasnet"); // N8
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            G.O.A.T. - Bock auf große Sprünge  | g.o.a.t. - bock auf grosse sprünge
            GROSSE STRASSE                     | grosse strasse
            ẞ                                  | ss
            ﬁlm                                | film
            ſpiel                              | spiel
            ΟΔΟΣ                               | οδοσ
            µ                                  | μ
            İ                                  | i̇
            """)
    void casefolds_like_python(String input, String expected) {
        assertThat(Normalizer.casefold(input)).isEqualTo(expected);
    }

    @Test
    void casefold_keeps_text_without_case_unchanged_and_null_as_null() {
        String text = "schön, 42!";
        assertThat(Normalizer.casefold(text)).isSameAs(text);
        assertThat(Normalizer.casefold(null)).isNull();
    }
}
