package org.eventdedup.config.domain.rule;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eventdedup.config.domain.rule.DocumentShape.FieldSpec;
import org.eventdedup.config.domain.rule.DocumentShape.RecordNode;

/**
 * Brings a stored document up to the current shape: fields added to the model since it was saved take their
 * effective default. Nothing present is changed, and map entries are never added (a removed category override stays
 * removed), unlike a merge.
 */
public final class DocumentUpgrade {

    private DocumentUpgrade() {
    }

    public static Map<String, Object> fillMissing(Map<String, Object> stored, Map<String, Object> defaults) {
        return fill(stored, defaults, DocumentShape.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fill(Map<String, Object> stored, Map<String, Object> defaults,
                                            RecordNode node) {
        Map<String, Object> out = new LinkedHashMap<>(stored);
        for (FieldSpec f : node.fields()) {
            Object defaultValue = defaults == null ? null : defaults.get(f.jsonName());
            if (!out.containsKey(f.jsonName())) {
                out.put(f.jsonName(), ConfigDocument.deepCopy(defaultValue));
            } else if (f.node() instanceof RecordNode record && out.get(f.jsonName()) instanceof Map<?, ?> value) {
                out.put(f.jsonName(), fill((Map<String, Object>) value,
                        defaultValue instanceof Map<?, ?> d ? (Map<String, Object>) d : null, record));
            }
        }
        return out;
    }
}
