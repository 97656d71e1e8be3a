package org.eventdedup.config.adapter.yaml;

import java.util.Map;
import java.util.OptionalInt;

/**
 * A parsed YAML document as a JSON-like tree, with the line where each JSON pointer's key (or list item) starts, so
 * that violations found later on the merged document can point back into the file.
 */
record LocatedTree(Map<String, Object> tree, Map<String, Integer> lines) {

    LocatedTree {
        lines = Map.copyOf(lines);
    }

    /**
     * The line of {@code pointer}, else of its nearest ancestor that the file spells out: a violation about a value
     * that only the defaults supply (a weight sum, a missing field) points at the enclosing section.
     */
    OptionalInt lineOf(String pointer) {
        String p = pointer;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return OptionalInt.of(line);
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return OptionalInt.empty();
    }
}
