package org.eventdedup.config.domain.rule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eventdedup.config.domain.rule.DocumentShape.FieldSpec;
import org.eventdedup.config.domain.rule.DocumentShape.MapNode;
import org.eventdedup.config.domain.rule.DocumentShape.Node;
import org.eventdedup.config.domain.rule.DocumentShape.RecordNode;

/**
 * RFC 7396 JSON Merge Patch over the config document, with this product's meaning of {@code null}: on a plain field
 * it restores the effective default; on an optional object ({@code title.cross_source_type}) or a map entry
 * ({@code category_weights.overrides.musik}) it removes it. Objects merge recursively, arrays and scalars replace.
 * Unknown keys are copied through so that validation can name them.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /**
     * @param target   the complete current document (not modified)
     * @param patch    the client's patch (not modified)
     * @param defaults the complete effective-default document, for null resets
     * @return a new document
     */
    public static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch,
                                            Map<String, Object> defaults) {
        return mergeRecord(target, patch, defaults, DocumentShape.ROOT);
    }

    private static Map<String, Object> mergeRecord(Map<String, Object> target, Map<String, Object> patch,
                                                   Map<String, Object> defaults, RecordNode node) {
        Map<String, Object> result = copy(target);
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            Optional<FieldSpec> field = node == null ? Optional.empty() : node.field(key);
            if (field.isEmpty()) {
                if (value == null) {
                    result.remove(key);
                } else {
                    result.put(key, ConfigDocument.deepCopy(value));
                }
                continue;
            }
            FieldSpec f = field.get();
            Object defaultValue = defaults == null ? null : defaults.get(key);
            if (value == null) {
                result.put(key, f.nullable() ? null : ConfigDocument.deepCopy(defaultValue));
            } else if (value instanceof Map<?, ?> patchObject) {
                result.put(key, mergeValue(result.get(key), asMap(patchObject), defaultValue, f));
            } else {
                result.put(key, ConfigDocument.deepCopy(value));
            }
        }
        return result;
    }

    private static Object mergeValue(Object current, Map<String, Object> patch, Object defaultValue, FieldSpec f) {
        Node node = f.node();
        if (node instanceof RecordNode record) {
            // a null optional object starts from its default (or empty), as RFC 7396 starts from {}
            Map<String, Object> base = current instanceof Map<?, ?> m ? asMap(m)
                    : defaultValue instanceof Map<?, ?> d ? asMap(d) : Map.of();
            return mergeRecord(base, patch, defaultValue instanceof Map<?, ?> d ? asMap(d) : null, record);
        }
        if (node instanceof MapNode map) {
            return mergeEntries(current instanceof Map<?, ?> m ? asMap(m) : Map.of(), patch,
                    defaultValue instanceof Map<?, ?> d ? asMap(d) : Map.of(), map);
        }
        return ConfigDocument.deepCopy(patch);
    }

    private static Map<String, Object> mergeEntries(Map<String, Object> current, Map<String, Object> patch,
                                                    Map<String, Object> defaults, MapNode node) {
        Map<String, Object> result = copy(current);
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            Object value = e.getValue();
            if (value == null) {
                result.remove(e.getKey());
            } else if (value instanceof Map<?, ?> entryPatch && node.valueNode() instanceof RecordNode record) {
                Object existing = result.get(e.getKey());
                Object entryDefault = defaults.get(e.getKey());
                Map<String, Object> base = existing instanceof Map<?, ?> m ? asMap(m) : Map.of();
                result.put(e.getKey(), mergeRecord(base, asMap(entryPatch),
                        entryDefault instanceof Map<?, ?> d ? asMap(d) : null, record));
            } else {
                result.put(e.getKey(), ConfigDocument.deepCopy(value));
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> map) {
        return map == null ? new LinkedHashMap<>() : (Map<String, Object>) ConfigDocument.deepCopy(map);
    }
}
