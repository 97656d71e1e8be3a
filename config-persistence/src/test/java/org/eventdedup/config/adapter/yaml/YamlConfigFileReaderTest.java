package org.eventdedup.config.adapter.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.Thresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlConfigFileReaderTest {

    @TempDir
    Path dir;

    private final YamlConfigFileReader reader = new YamlConfigFileReader();

    @Test
    void missing_file_gives_nothing() {
        assertThat(reader.read(dir.resolve("absent.yaml"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "# only a comment\n", "---\n", "~\n", "\n\n"})
    void empty_document_gives_the_built_in_defaults(String yaml) throws IOException {
        assertThat(reader.read(write(yaml))).contains(MatchingConfig.DEFAULT);
    }

    @Test
    void values_in_the_file_lie_over_the_built_ins() throws IOException {
        MatchingConfig config = reader.read(write("""
                thresholds:
                  high: 0.8
                cluster:
                  max_cluster_size: 20
                blocking:
                  bounding_box: null
                """)).orElseThrow();

        assertThat(config.thresholds()).isEqualTo(new Thresholds(0.8, 0.35, 0.45));
        assertThat(config.cluster().maxClusterSize()).isEqualTo(20);
        assertThat(config.blocking().boundingBox()).isNull();
        assertThat(config.geo()).isEqualTo(MatchingConfig.DEFAULT.geo());
    }

    @Test
    void integers_are_accepted_for_decimal_fields() throws IOException {
        assertThat(reader.read(write("geo:\n  max_distance_km: 12\n")).orElseThrow().geo().maxDistanceKm())
                .isEqualTo(12.0);
    }

    @Test
    void out_of_range_value_names_file_line_and_path() throws IOException {
        Path file = write("""
                # tuned for the Breisgau
                scoring:
                  date: 0.30

                thresholds:
                  low: 0.35
                  high: 1.5
                """);

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage(file + ":7: /thresholds/high: must be at most 1.0, got 1.5");
    }

    @Test
    void every_violation_is_listed_one_per_line_in_file_order() throws IOException {
        Path file = resource("several-violations.yaml");

        ConfigFileException e = catchConfigFileException(file);

        assertThat(e.file()).isEqualTo(file);
        assertThat(e.getMessage().lines().toList()).isEqualTo(e.problems());
        assertThat(e.problems()).containsExactly(
                file + ":2: /scoring: The weights must add up to 1 (± 0.01); they add up to 1.90.",
                file + ":3: /scoring/date: must be at most 1.0, got 1.2",
                file + ":6: /thresholds/low: Must be below the match threshold (0.50).",
                file + ":9: /cluster/max_cluster_size: must be at least 2, got 1",
                file + ":11: /ai/api_key: unknown field");
    }

    @Test
    void unknown_key_is_rejected_with_its_line() throws IOException {
        Path file = write("""
                geo:
                  max_distance_km: 5
                  max_distanse_km: 7
                """);

        assertThatThrownBy(() -> reader.read(file))
                .hasMessage(file + ":3: /geo/max_distanse_km: unknown field");
    }

    @Test
    void unknown_section_is_rejected() throws IOException {
        Path file = write("scoring:\n  date: 0.3\nscorng:\n  date: 0.3\n");

        assertThatThrownBy(() -> reader.read(file)).hasMessage(file + ":3: /scorng: unknown field");
    }

    @Test
    void wrong_types_are_named() throws IOException {
        Path file = write("""
                ai:
                  enabled: maybe
                  max_output_tokens: 10.5
                thresholds: 0.5
                category_weights:
                  priority: fasnacht
                canonical:
                  field_strategies: {geo: longest}
                """);

        assertThat(catchConfigFileException(file).problems()).containsExactly(
                file + ":2: /ai/enabled: must be true or false, got \"maybe\"",
                file + ":3: /ai/max_output_tokens: must be a whole number, got 10.5",
                file + ":4: /thresholds: must be an object, got 0.5",
                file + ":6: /category_weights/priority: must be a list of strings, got \"fasnacht\"",
                file + ":8: /canonical/field_strategies/geo: must be one of highest_confidence, most_frequent, first,"
                        + " got \"longest\"");
    }

    @Test
    void list_items_and_map_entries_point_at_their_own_line() throws IOException {
        Path file = write("""
                category_weights:
                  priority:
                    - fasnacht
                    - fasnacht
                  overrides:
                    fasnacht: {date: 0.5, geo: 0.5, title: 0.5, description: 0.5}
                """);

        assertThat(catchConfigFileException(file).problems()).containsExactly(
                file + ":4: /category_weights/priority/1: duplicate entry \"fasnacht\"",
                file + ":6: /category_weights/overrides/fasnacht: The weights must add up to 1 (± 0.01); they add up to 2.00.");
    }

    @Test
    void incomplete_optional_object_reports_missing_fields_at_the_object() throws IOException {
        Path file = write("""
                title:
                  cross_source_type:
                    primary_weight: 0.4
                """);

        assertThat(catchConfigFileException(file).problems()).containsExactly(
                file + ":2: /title/cross_source_type/secondary_weight: is required",
                file + ":2: /title/cross_source_type/blend_lower: is required",
                file + ":2: /title/cross_source_type/blend_upper: is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {".nan", ".NaN", ".inf", "-.inf", "+.Inf", ".INF"})
    void nan_and_infinity_are_rejected_as_not_finite(String value) throws IOException {
        Path file = write("geo:\n  neutral_score: " + value + "\n");

        assertThatThrownBy(() -> reader.read(file))
                .hasMessage(file + ":2: /geo/neutral_score: must be a finite number");
    }

    @Test
    void quoted_nan_is_a_string_not_a_number() throws IOException {
        Path file = write("geo:\n  neutral_score: '.nan'\n");

        assertThatThrownBy(() -> reader.read(file))
                .hasMessage(file + ":2: /geo/neutral_score: must be a number, got \".nan\"");
    }

    @Test
    void duplicate_keys_are_rejected_with_both_lines() throws IOException {
        Path file = write("""
                thresholds:
                  high: 0.8
                  low: 0.3
                  high: 0.9
                thresholds:
                  low: 0.2
                """);

        assertThat(catchConfigFileException(file).problems()).containsExactly(
                file + ":4: /thresholds/high: duplicate key (first defined on line 2)",
                file + ":5: /thresholds: duplicate key (first defined on line 1)");
    }

    @Test
    void syntax_error_names_the_line() throws IOException {
        Path file = write("""
                scoring:
                  date: 0.3
                  geo: 0.25: 1
                """);

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageStartingWith(file + ":3: YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void unclosed_flow_list_is_a_syntax_error() throws IOException {
        Path file = write("category_weights:\n  priority: [fasnacht,\n");

        assertThatThrownBy(() -> reader.read(file))
                .hasMessageStartingWith(file + ":3: YAML syntax error:");
    }

    @Test
    void bad_indentation_is_a_syntax_error() throws IOException {
        Path file = write("category_weights:\n  priority:\n    - fasnacht\n  x: 1\n   y: 2\n");

        assertThatThrownBy(() -> reader.read(file))
                .hasMessageStartingWith(file + ":5: YAML syntax error:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"- scoring\n- geo\n", "just a string\n", "42\n"})
    void top_level_must_be_a_mapping(String yaml) throws IOException {
        Path file = write(yaml);

        assertThatThrownBy(() -> reader.read(file))
                .hasMessageStartingWith(file + ":1: /: the top level must be a mapping of config sections, got");
    }

    @Test
    void a_second_document_is_rejected() throws IOException {
        Path file = write("thresholds:\n  high: 0.8\n---\nthresholds:\n  high: 0.9\n");

        assertThatThrownBy(() -> reader.read(file))
                .hasMessageContaining(file + ":4: only one YAML document is allowed");
    }

    @Test
    void aliases_are_rejected_rather_than_read_as_their_anchor_name() throws IOException {
        Path file = write("""
                thresholds:
                  high: &h 0.8
                  title_veto: *h
                """);

        assertThat(catchConfigFileException(file).problems())
                .containsExactly(file + ":3: /thresholds/title_veto: YAML aliases (*h) are not supported");
    }

    @Test
    void null_on_a_plain_field_keeps_the_built_in_value() throws IOException {
        assertThat(reader.read(write("thresholds:\n  high:\n")).orElseThrow().thresholds().high()).isEqualTo(0.75);
    }

    @Test
    void api_key_value_never_appears_in_the_message() throws IOException {
        Path file = write("ai:\n  api_key: AIzaSyD-do-not-print-me\n");

        assertThatThrownBy(() -> reader.read(file))
                .hasMessage(file + ":2: /ai/api_key: unknown field");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("matching.yaml"), yaml);
    }

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/yaml/" + name)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    private ConfigFileException catchConfigFileException(Path file) {
        try {
            reader.read(file);
        } catch (ConfigFileException e) {
            return e;
        }
        throw new AssertionError("expected ConfigFileException for " + file);
    }
}
