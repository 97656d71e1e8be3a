package org.eventdedup.worker.adapter.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eventdedup.matching.text.Lexicon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlLexiconLoaderTest {

    private static final Path SHIPPED = Path.of("..", "config");
    private static final Lexicon LEXICON = new YamlLexiconLoader().loadFrom(SHIPPED);

    @TempDir
    Path dir;

    @Test
    void the_shipped_prefix_lists_start_with_the_spec_lists_in_order() {
        assertThat(LEXICON.dashPrefixes()).startsWith("Nordwiler Narrenfahrplan", "Wahlkampfstand Bündnis 90/Die Grünen",
                "Kommunales Kino", "Kolping Kids", "Fasnet im Ladhof", "Narrenzunft Bergteufel");
        assertThat(LEXICON.colonPrefixes()).startsWith("Vortrag", "Bildervortrag", "Kochworkshop", "FreiTagZeit",
                "Jungentreff", "Textil-Tag", "SPD-Veranstaltung", "Theaterabend", "Kinderprogramm", "SkF Waldkirch",
                "Waldkircher Klimagespräch");
        assertThat(LEXICON.genericPrefixes()).startsWith("Tag der offenen Tür");
    }

    @Test
    void the_shipped_synonyms_contain_every_spec_variant() {
        Map<String, String> synonyms = Map.ofEntries(LEXICON.synonyms().toArray(Map.Entry[]::new));
        for (String variant : List.of("fasnets", "fasent", "fasend", "fasnet", "fasnacht", "fasching", "karneval")) {
            assertThat(synonyms).containsEntry(variant, "fastnacht");
        }
        for (String variant : List.of("hemdklunker", "hemdglunki", "hendglunki")) {
            assertThat(synonyms).containsEntry(variant, "hemdglunker");
        }
        assertThat(synonyms).doesNotContainKeys("fastnacht", "hemdglunker");
    }

    @Test
    void the_shipped_city_aliases_contain_every_spec_alias() {
        Map<String, String> aliases = LEXICON.cityAliases();
        Map<String, List<String>> spec = Map.of(
                "kenzingen", List.of("nordweil", "hecklingen", "bombach"),
                "emmendingen", List.of("mundingen", "kollmarsreute", "wasser", "windenreute", "maleck"),
                "waldkirch", List.of("kollnau", "buchholz", "suggental"),
                "freiburg im breisgau", List.of("waltershofen", "opfingen", "tiengen", "munzingen", "lehen"),
                "gutach im breisgau", List.of("bleibach"),
                "rheinhausen", List.of("oberhausen", "niederhausen"));
        spec.forEach((parent, districts) -> districts.forEach(d -> assertThat(aliases).containsEntry(d, parent)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Nordwiler Narrenfahrplan - Kita-Gizig-Umzug | kita-gizig-umzug
            Vortrag: Landschaftsmalerei im Fokus        | landschaftsmalerei im fokus
            Tag der offenen Tür - Kindergarten          | kindergarten
            Großer Fasnetsumzug                         | grosser fastnachtumzug
            Großer Fastnachtsumzug                      | grosser fastnachtumzug
            Fasnachtsumzug                              | fastnachtumzug
            Fasentumzug in Offenburg                    | fastnachtumzug in offenburg
            Hemdglunki-Umzug                            | hemdglunker-umzug
            Schmutzige Dunschtig: Hemdklunker           | schmutziger donnerstag hemdglunker
            """)
    void the_shipped_lists_normalise_titles_of_the_region(String title, String expected) {
        assertThat(LEXICON.normalizeTitle(title)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Waltershofen      | freiburg im breisgau
            Freiburg          | freiburg im breisgau
            Freiburg i. Br.   | freiburg im breisgau
            Zähringen         | freiburg im breisgau
            Nordweil          | kenzingen
            Zell-Weierbach    | offenburg
            Lahr              | lahr/schwarzwald
            Emmendingen       | emmendingen
            """)
    void the_shipped_aliases_map_districts_to_their_municipality(String city, String expected) {
        assertThat(LEXICON.normalizeCity(city)).isEqualTo(expected);
    }

    @Test
    void missing_or_empty_files_give_an_empty_lexicon() throws IOException {
        Files.writeString(dir.resolve("synonyms.yaml"), "");
        Files.writeString(dir.resolve("prefixes.yaml"), "# nothing yet\n");
        Lexicon lexicon = new YamlLexiconLoader().loadFrom(dir); // no city_aliases.yaml at all
        assertThat(lexicon.synonyms()).isEmpty();
        assertThat(lexicon.dashPrefixes()).isEmpty();
        assertThat(lexicon.cityAliases()).isEmpty();
    }

    @Test
    void a_file_without_its_key_gives_an_empty_list() throws IOException {
        Files.writeString(dir.resolve("synonyms.yaml"), "synonym_groups:\n");
        assertThat(new YamlLexiconLoader().loadFrom(dir).synonyms()).isEmpty();
    }

    @Test
    void the_earlier_services_flat_city_alias_file_loads_like_ours() throws IOException {
        Path flat = Files.createDirectory(dir.resolve("flat"));
        Path wrapped = Files.createDirectory(dir.resolve("wrapped"));
        Files.writeString(flat.resolve("city_aliases.yaml"), """
                # district -> parent municipality, as the earlier service wrote it
                Nordweil: Kenzingen
                Waltershofen: Freiburg im Breisgau
                Bleibach: Gutach im Breisgau
                """);
        Files.writeString(wrapped.resolve("city_aliases.yaml"), """
                city_aliases:
                  Nordweil: Kenzingen
                  Waltershofen: Freiburg im Breisgau
                  Bleibach: Gutach im Breisgau
                """);
        Lexicon fromFlat = new YamlLexiconLoader().loadFrom(flat);
        assertThat(fromFlat.normalizeCity("Waltershofen")).isEqualTo("freiburg im breisgau");
        assertThat(fromFlat.normalizeCity("BLEIBACH")).isEqualTo("gutach im breisgau");
        assertThat(fromFlat.cityAliases()).hasSize(3).isEqualTo(new YamlLexiconLoader().loadFrom(wrapped).cityAliases());
    }

    @Test
    void a_wrapped_city_alias_file_without_entries_is_empty() throws IOException {
        Files.writeString(dir.resolve("city_aliases.yaml"), "city_aliases:\n");
        assertThat(new YamlLexiconLoader().loadFrom(dir).cityAliases()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            synonyms.yaml     | 'synonym_groups:\\n  fastnacht: [fasnet, 42]'                  | synonym_groups.fastnacht[1]: expected a text, got a number (42)
            synonyms.yaml     | 'synonym_groups:\\n  fastnacht: [nacht]'                       | synonym_groups.fastnacht: synonym variant 'nacht' of 'fastnacht' occurs inside the canonical form 'fastnacht'
            synonyms.yaml     | 'synonym_groups:\\n  a: [x]\\n  b: [x]'                         | synonym_groups.b: synonym variant 'x' of 'b' is listed twice
            synonyms.yaml     | 'synonym_groups:\\n  fastnacht: fasnet'                         | synonym_groups.fastnacht: expected a list, got a string (fasnet)
            synonyms.yaml     | 'synonyms:\\n  fastnacht: [fasnet]'                             | synonyms: unknown key
            synonyms.yaml     | 'synonym_groups:\\n  a: [x]\\n  a: [y]'                         | invalid YAML: Duplicate field 'a'
            synonyms.yaml     | '- fasnet'                                                      | (top level): expected a mapping
            prefixes.yaml     | 'dash_prefixes:\\n  - Kino\\n  - kino'                           | dash_prefixes[1]: prefix 'kino' is listed twice
            prefixes.yaml     | 'colon_prefixes: [Vortrag, true]'                               | colon_prefixes[1]: expected a text, got a boolean (true) (quote it)
            prefixes.yaml     | 'colon_prefixes: [Vortrag'                                      | invalid YAML
            city_aliases.yaml | 'city_aliases:\\n  Nordweil: Kenzingen\\n  Kenzingen: Emmendingen' | city_aliases.Kenzingen: city alias 'kenzingen' -> 'emmendingen': 'kenzingen' is already a parent
            city_aliases.yaml | 'city_aliases:\\n  Nordweil: [Kenzingen]'                       | city_aliases.Nordweil: expected a text, got a list
            city_aliases.yaml | 'Nordweil: [Kenzingen]'                                         | city_aliases.yaml: Nordweil: expected a text, got a list
            city_aliases.yaml | 'Nordweil: Kenzingen\\nKenzingen: Emmendingen'                    | city_aliases.yaml: Kenzingen: city alias 'kenzingen' -> 'emmendingen': 'kenzingen' is already a parent
            city_aliases.yaml | 'city_aliases:\\n  Nordweil: Kenzingen\\nBombach: Kenzingen'        | city_aliases: a file holds either 'city_aliases:' with the aliases under it or the aliases alone
            """)
    void reports_problems_with_file_and_entry(String file, String content, String expected) throws IOException {
        Files.writeString(dir.resolve(file), content.replace("\\n", "\n"));
        assertThatThrownBy(() -> new YamlLexiconLoader().loadFrom(dir))
                .isInstanceOf(LexiconLoadException.class)
                .hasMessageStartingWith(dir.resolve(file).toString())
                .hasMessageContaining(expected);
    }
}
