package org.eventdedup.matching.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.eventdedup.matching.scoring.SpecLexicon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexiconTest {

    private final Lexicon lexicon = SpecLexicon.LEXICON;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Nordwiler Narrenfahrplan - Fasnetumzug              | Fasnetumzug
            Vortrag: Landschaftsmalerei im Fokus                | Landschaftsmalerei im Fokus
            Tag der offenen Tür - Kindergarten St. Franziskus   | Kindergarten St. Franziskus
            Kommunales Kino – Der Salzpfad                      | Der Salzpfad
            Kommunales Kino -- Der Salzpfad                     | Der Salzpfad
            Kommunales Kino — Der Salzpfad                      | Der Salzpfad
            nordwiler narrenfahrplan - Test                     | Test
            Vortrag:Text                                        | Vortrag:Text
            Vortrag:  Doppelt                                   | Doppelt
            WAHLKAMPFSTAND BÜNDNIS 90/DIE GRÜNEN - Infostand    | Infostand
            Konzert - Vortrag: bleibt                           | Konzert - Vortrag: bleibt
            """)
    void strips_one_prefix_per_spec_3_2(String title, String expected) {
        assertThat(lexicon.stripPrefixes(title)).isEqualTo(expected); // P1-P6
    }

    @Test
    void strips_only_the_first_matching_prefix() {
        Lexicon ab = Lexicon.builder().dashPrefix("A").dashPrefix("B").build();
        assertThat(ab.stripPrefixes("A - B - actual title")).isEqualTo("B - actual title");
    }

    @Test
    void matches_a_prefix_whose_umlaut_arrives_decomposed() {
        assertThat(lexicon.stripPrefixes("Tag der offenen Tu\u0308r - Schule")).isEqualTo("Schule");
    }

    @Test
    void keeps_a_title_that_is_nothing_but_a_prefix() {
        // B would return "" and the title would score 0 against everything
        assertThat(lexicon.stripPrefixes("Vortrag: ")).isEqualTo("Vortrag: ");
    }

    @Test
    void normalizes_titles_by_stripping_then_normalizing_with_synonyms() {
        assertThat(lexicon.normalizeTitle("Nordwiler Narrenfahrplan - Kita-Gizig-Umzug")).isEqualTo("kita-gizig-umzug");
        assertThat(lexicon.normalizeTitle("Kommunales Kino – Fasnet im Kino!")).isEqualTo("fastnacht im kino");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fasnetsumzug         | fastnachtumzug
            fasching             | fastnacht
            karneval             | fastnacht
            hemdklunker          | hemdglunker
            fasnet               | fastnacht
            fasnet-eroeffnung    | fastnacht-eroeffnung
            fasnet hemdklunker   | fastnacht hemdglunker
            fastnacht            | fastnacht
            hemdglunker          | hemdglunker
            konzert im park      | konzert im park
            """)
    void replaces_synonyms_longest_first_as_substrings(String text, String expected) {
        assertThat(lexicon.applySynonyms(text)).isEqualTo(expected); // S1
    }

    @Test
    void orders_synonym_keys_longest_first_keeping_file_order_for_equal_lengths() {
        List<String> keys = lexicon.synonyms().stream().map(Map.Entry::getKey).toList(); // S2
        assertThat(keys).containsExactly("hemdklunker", "hemdglunki", "hendglunki", "fasnacht", "fasching",
                "karneval", "fasnets", "fasent", "fasend", "fasnet");
        assertThat(keys).doesNotContain("fastnacht", "hemdglunker");
        assertThat(Lexicon.EMPTY.synonyms()).isEmpty();
    }

    @Test
    void normalizes_cities_through_the_alias_map() {
        assertThat(lexicon.normalizeCity("Waltershofen")).isEqualTo("freiburg im breisgau"); // C1
        assertThat(lexicon.cityAliases()).containsEntry("nordweil", "kenzingen"); // C2
        assertThat(lexicon.normalizeCity("Emmendingen")).isEqualTo("emmendingen");
        assertThat(lexicon.normalizeCity("WALDKIRCH")).isEqualTo("waldkirch");
        assertThat(lexicon.normalizeCity(null)).isEmpty();
        assertThat(lexicon.normalizeCity("")).isEmpty();
    }

    @Test
    void normalizes_alias_and_synonym_entries_when_built() {
        Lexicon built = Lexicon.builder().cityAlias("Zähringen", "Freiburg im Breisgau")
                .synonymGroup("Fastnacht", List.of("FASNET")).build();
        assertThat(built.cityAliases()).containsExactly(Map.entry("zaehringen", "freiburg im breisgau"));
        assertThat(built.synonyms()).containsExactly(Map.entry("fasnet", "fastnacht"));
    }

    @Test
    void rejects_entries_that_would_make_the_lists_inconsistent() {
        assertThatThrownBy(() -> Lexicon.builder().synonymGroup("fastnacht", List.of("nacht")))
                .hasMessageContaining("'nacht'").hasMessageContaining("inside the canonical form 'fastnacht'");
        assertThatThrownBy(() -> Lexicon.builder().synonymGroup("a1", List.of("x")).synonymGroup("b1", List.of("x")))
                .hasMessageContaining("'x'").hasMessageContaining("listed twice");
        assertThatThrownBy(() -> Lexicon.builder().synonymGroup("a1", List.of("")))
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> Lexicon.builder().cityAlias("A", "B").cityAlias("B", "C"))
                .hasMessageContaining("'b' is already a parent");
        assertThatThrownBy(() -> Lexicon.builder().cityAlias("A", "B").cityAlias("C", "A"))
                .hasMessageContaining("itself an alias");
        assertThatThrownBy(() -> Lexicon.builder().cityAlias("A", "B").cityAlias("a", "C"))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> Lexicon.builder().colonPrefix("Vortrag").colonPrefix("VORTRAG"))
                .hasMessageContaining("listed twice");
    }
}
