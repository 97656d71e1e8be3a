package org.eventdedup.config.adapter.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.config.domain.model.Change;
import org.eventdedup.config.domain.port.in.ConfigView;
import org.eventdedup.config.domain.port.out.HistoryEntry;
import org.eventdedup.config.domain.rule.ConfigDocument;

/** Domain views → the JSON trees of contract §2. */
final class ConfigJsonMapper {

    /** Read-only metadata a client may send back from a GET body; PATCH ignores them ({@code updated_at} aside). */
    static final Set<String> READ_ONLY_FIELDS = Set.of("has_api_key", "api_key_source", "version", "source",
            "updated_by");

    /** What the history may show for the API key; anything else is masked (defence in depth). */
    private static final Set<String> API_KEY_MARKERS = Set.of("set", "replaced", "cleared");

    private ConfigJsonMapper() {
    }

    /** The document plus metadata: the body of GET/PATCH /api/config and of GET /api/config/history/{version}. */
    static Map<String, Object> view(ConfigView view) {
        Map<String, Object> body = new LinkedHashMap<>(ConfigDocument.toTree(view.config()));
        body.put("has_api_key", view.hasApiKey());
        body.put("api_key_source", view.apiKeySource() == null ? null : view.apiKeySource().jsonName());
        body.put("updated_at", instant(view.updatedAt()));
        body.put("updated_by", view.updatedBy());
        body.put("version", view.version());
        body.put("source", view.source() == null ? null : view.source().jsonName());
        return body;
    }

    static List<Map<String, Object>> history(List<HistoryEntry> entries) {
        List<Map<String, Object>> out = new ArrayList<>(entries.size());
        for (HistoryEntry entry : entries) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", entry.version());
            item.put("updated_at", instant(entry.updatedAt()));
            item.put("updated_by", entry.updatedBy());
            List<Map<String, Object>> changes = new ArrayList<>(entry.changes().size());
            for (Change change : entry.changes()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("path", change.path());
                boolean key = Change.API_KEY_PATH.equals(change.path());
                c.put("old", key ? keyMarker(change.oldValue()) : change.oldValue());
                c.put("new", key ? keyMarker(change.newValue()) : change.newValue());
                changes.add(c);
            }
            item.put("changes", changes);
            out.add(item);
        }
        return out;
    }

    /** ISO-8601 in UTC with a {@code Z}. */
    static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Object keyMarker(Object value) {
        if (value == null || value instanceof Boolean || (value instanceof String s && API_KEY_MARKERS.contains(s))) {
            return value;
        }
        return "set";
    }
}
