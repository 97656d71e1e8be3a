package org.eventdedup.config.adapter.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.CategoryWeights;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.config.domain.model.TitleBlend;
import org.eventdedup.config.domain.model.TitleConfig;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.junit.jupiter.api.Test;

/** The file shipped at the repository root, as the contract (§1) describes it. */
class ShippedMatchingYamlTest {

    private static final Path SHIPPED = Path.of("..", "config", "matching.yaml");

    private final MatchingConfig config = new YamlConfigFileReader().read(SHIPPED).orElseThrow();

    @Test
    void overrides_exactly_the_cross_source_title_blend_and_the_category_weights() {
        TitleConfig title = MatchingConfig.DEFAULT.title();
        MatchingConfig expected = new MatchingConfig(MatchingConfig.DEFAULT.scoring(),
                MatchingConfig.DEFAULT.thresholds(), MatchingConfig.DEFAULT.geo(), MatchingConfig.DEFAULT.date(),
                new TitleConfig(title.primaryWeight(), title.secondaryWeight(), title.blendLower(),
                        title.blendUpper(), new TitleBlend(0.4, 0.6, 0.25, 0.95)),
                MatchingConfig.DEFAULT.cluster(), MatchingConfig.DEFAULT.canonical(), MatchingConfig.DEFAULT.ai(),
                new CategoryWeights(List.of("fasnacht", "versammlung"), Map.of(
                        "fasnacht", new ScoringWeights(0.30, 0.30, 0.25, 0.15),
                        "versammlung", new ScoringWeights(0.25, 0.20, 0.40, 0.15))),
                MatchingConfig.DEFAULT.blocking());

        assertThat(config).isEqualTo(expected);
        assertThat(config.categoryWeights().overrides().keySet()).containsExactly("fasnacht", "versammlung");
    }

    @Test
    void spells_out_every_section_and_field_of_the_document() throws Exception {
        Map<String, Object> shipped = ConfigDocument.toTree(config);
        Map<String, Object> defaults = ConfigDocument.toTree(MatchingConfig.DEFAULT);
        Map<String, Object> written = readRawTree();

        assertThat(written.keySet()).containsExactlyElementsOf(defaults.keySet());
        for (String section : defaults.keySet()) {
            assertThat(written.get(section)).as(section).isEqualTo(normalise(shipped.get(section)));
        }
    }

    @Test
    void holds_no_api_key() throws Exception {
        assertThat(java.nio.file.Files.readString(SHIPPED)).doesNotContainPattern("(?m)^\\s*api_key\\s*:");
    }

    /** The file's own tree (not overlaid), numbers as doubles, so leaving out a field would show. */
    private static Map<String, Object> readRawTree() throws Exception {
        try (var reader = java.nio.file.Files.newBufferedReader(SHIPPED)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = (Map<String, Object>) normalise(
                    YamlTreeParser.parse(reader).orElseThrow().tree());
            return tree;
        }
    }

    private static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, normalise(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ShippedMatchingYamlTest::normalise).toList();
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return value;
    }
}
