package org.eventdedup.config.domain.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.rule.ConfigDocument;

/** Small builders for JSON-like trees in tests: {@code obj("a", 1, "b", obj("c", null))}. */
public final class Trees {
    private Trees() {
    }

    public static Map<String, Object> obj(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    public static List<Object> list(Object... values) {
        return java.util.Arrays.asList(values);
    }

    public static Map<String, Object> defaultsTree() {
        return ConfigDocument.toTree(MatchingConfig.DEFAULT);
    }

    /** The value at a JSON pointer of a tree ({@code /scoring/date}). */
    @SuppressWarnings("unchecked")
    public static Object at(Map<String, Object> tree, String pointer) {
        Object node = tree;
        for (String part : pointer.substring(1).split("/")) {
            node = ((Map<String, Object>) node).get(part);
        }
        return node;
    }

    /** A copy of the tree with the value at the pointer replaced. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> with(Map<String, Object> tree, String pointer, Object value) {
        Map<String, Object> copy = (Map<String, Object>) ConfigDocument.deepCopy(tree);
        String[] parts = pointer.substring(1).split("/");
        Map<String, Object> node = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (Map<String, Object>) node.get(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
        return copy;
    }
}
