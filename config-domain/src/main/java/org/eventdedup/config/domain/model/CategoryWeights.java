package org.eventdedup.config.domain.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

public record CategoryWeights(
        @Doc(title = "Category priority", value = "When a pair shares several overridden categories, the first in this list wins. Names compare ignoring case.")
        List<String> priority,
        @Doc(title = "Category overrides", value = "Scoring weights used instead of the main ones for pairs in a category; \"Konzert\" applies to listings in \"konzert\" (names compare ignoring case).")
        Map<String, ScoringWeights> overrides) {

    public static final CategoryWeights DEFAULT = new CategoryWeights(List.of(), Map.of());

    public CategoryWeights {
        priority = List.copyOf(Objects.requireNonNull(priority, "priority"));
        // insertion order is kept so documents, diffs and the page show categories as entered
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(overrides, "overrides")));
    }
}
