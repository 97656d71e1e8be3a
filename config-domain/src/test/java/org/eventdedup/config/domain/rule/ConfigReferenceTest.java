package org.eventdedup.config.domain.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference in {@code docs/configuration.md} is the one {@link ConfigReference} renders from the
 * schema. After changing a field, regenerate it with
 * {@code mvn -pl config-domain test -Dtest=ConfigReferenceTest -Dconfig-reference.write=true}.
 */
class ConfigReferenceTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final String START = "<!-- generated from ConfigSchema: start -->\n";
    private static final String END = "<!-- generated from ConfigSchema: end -->\n";

    @Test
    void renders_every_section_with_type_default_limits_and_meaning() {
        String markdown = ConfigReference.markdown();
        assertThat(markdown)
                .contains("#### `thresholds` — Thresholds\n")
                .contains("| `high` | number | 0.75 | ≥ 0.0, ≤ 1.0 | Match threshold: ")
                .contains("| `bounding_box.lat_min` | number | 47.5 | ≥ -90.0, ≤ 90.0 | ")
                .contains("| `max_distance_km` | number | 10.0 | > 0 | ")
                .contains("| `overrides` | object | {} | names distinct ignoring case; each value: the four `scoring` weights, summing to 1.0 | ")
                .contains("`longest_non_generic`");
        for (String section : ConfigDocument.toTree(
                org.eventdedup.config.domain.model.MatchingConfig.DEFAULT).keySet()) {
            assertThat(markdown).contains("#### `" + section + "` — ");
        }
    }

    @Test
    void the_documented_reference_is_the_generated_one() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        assertThat(start).as("%s holds the markers %s", DOC, START.strip()).isNotNegative();
        assertThat(end).as("%s holds the marker %s", DOC, END.strip()).isGreaterThan(start);
        String generated = ConfigReference.markdown();
        String documented = doc.substring(start + START.length(), end);
        if (Boolean.getBoolean("config-reference.write") && !documented.equals(generated)) {
            Files.writeString(DOC, doc.substring(0, start + START.length()) + generated + doc.substring(end),
                    StandardCharsets.UTF_8);
            documented = generated;
        }
        assertThat(documented)
                .as("docs/configuration.md is out of date: run mvn -pl config-domain test -Dtest=ConfigReferenceTest"
                        + " -Dconfig-reference.write=true")
                .isEqualTo(generated);
    }
}
