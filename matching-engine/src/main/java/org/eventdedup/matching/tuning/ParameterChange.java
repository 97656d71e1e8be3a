package org.eventdedup.matching.tuning;

import java.util.List;
import java.util.Objects;

/**
 * One field the suggestion changes.
 *
 * @param path   the field's place in the config document, snake_case names ({@code [thresholds, high]})
 * @param before its value in the current config
 * @param after  the suggested value
 */
public record ParameterChange(List<String> path, double before, double after) {

    public ParameterChange {
        path = List.copyOf(Objects.requireNonNull(path, "path"));
    }

    /** The JSON pointer of the field ({@code /thresholds/high}). */
    public String pointer() {
        StringBuilder text = new StringBuilder();
        for (String part : path) {
            text.append('/').append(part.replace("~", "~0").replace("/", "~1"));
        }
        return text.toString();
    }
}
