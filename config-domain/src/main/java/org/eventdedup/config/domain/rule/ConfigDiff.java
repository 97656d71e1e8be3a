package org.eventdedup.config.domain.rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eventdedup.config.domain.model.Change;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.rule.DocumentShape.FieldSpec;
import org.eventdedup.config.domain.rule.DocumentShape.MapNode;
import org.eventdedup.config.domain.rule.DocumentShape.Node;
import org.eventdedup.config.domain.rule.DocumentShape.RecordNode;

/**
 * The changed leaves between two configs, in document order. Objects are compared field by field; a map entry or an
 * optional object that appears or disappears is one change holding the whole object; lists compare as a whole.
 */
public final class ConfigDiff {

    private ConfigDiff() {
    }

    public static List<Change> between(MatchingConfig before, MatchingConfig after) {
        List<Change> out = new ArrayList<>();
        diffRecord(ConfigDocument.toTree(before), ConfigDocument.toTree(after), DocumentShape.ROOT, "", out);
        return out;
    }

    private static void diffRecord(Map<?, ?> a, Map<?, ?> b, RecordNode node, String path, List<Change> out) {
        for (FieldSpec f : node.fields()) {
            diff(a.get(f.jsonName()), b.get(f.jsonName()), f.node(), DocumentShape.pointer(path, f.jsonName()), out);
        }
    }

    private static void diff(Object a, Object b, Node node, String path, List<Change> out) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (node instanceof RecordNode record) {
                diffRecord(ma, mb, record, path, out);
                return;
            }
            if (node instanceof MapNode map) {
                Set<Object> keys = new LinkedHashSet<>(ma.keySet());
                keys.addAll(mb.keySet());
                for (Object key : keys) {
                    diff(ma.get(key), mb.get(key), map.valueNode(), DocumentShape.pointer(path, (String) key), out);
                }
                return;
            }
        }
        if (!Objects.equals(a, b)) {
            out.add(new Change(path, a, b));
        }
    }
}
