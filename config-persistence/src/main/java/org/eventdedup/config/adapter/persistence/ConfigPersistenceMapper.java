package org.eventdedup.config.adapter.persistence;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.Change;
import org.eventdedup.config.domain.port.out.HistoryEntry;
import org.eventdedup.config.domain.port.out.StoredConfig;
import org.eventdedup.config.domain.rule.DocumentShape;
import org.eventdedup.config.domain.rule.DocumentShape.FieldSpec;
import org.eventdedup.config.domain.rule.DocumentShape.MapNode;
import org.eventdedup.config.domain.rule.DocumentShape.Node;
import org.eventdedup.config.domain.rule.DocumentShape.RecordNode;

/**
 * Maps rows to domain records and JSON-like trees (Map, List, String, Number, Boolean, null) to and from the text of
 * the JSONB columns, so no row type or JSON reaches the domain. One instance is shared: Jackson readers and writers
 * are thread-safe, and building them per call would dominate a config load.
 */
final class ConfigPersistenceMapper {

    private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> CHANGE_LIST = new TypeReference<>() {
    };

    private final ObjectReader treeReader;
    private final ObjectReader changesReader;
    private final ObjectWriter writer;

    ConfigPersistenceMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new SimpleModule("jsonb-decimals")
                        .addSerializer(Double.class, new DecimalSerializer<>(Double.class))
                        .addSerializer(Float.class, new DecimalSerializer<>(Float.class)));
        this.treeReader = mapper.readerFor(TREE);
        this.changesReader = mapper.readerFor(CHANGE_LIST);
        this.writer = mapper.writer();
    }

    StoredConfig toStoredConfig(ConfigSettingsRow row) {
        return new StoredConfig(readDocument(row.configJson()), row.encryptedApiKey(), row.version(),
                row.updatedAt().toInstant(), row.updatedBy());
    }

    /** A past version: its document only, the API key is not versioned. */
    StoredConfig toVersion(ConfigHistoryRow row) {
        return new StoredConfig(readDocument(row.configJson()), null, row.version(), row.updatedAt().toInstant(),
                row.updatedBy());
    }

    HistoryEntry toHistoryEntry(ConfigHistoryRow row) {
        return new HistoryEntry(row.version(), row.updatedAt().toInstant(), row.updatedBy(),
                readChanges(row.changesJson()));
    }

    String writeDocument(Map<String, Object> document) {
        return write(document);
    }

    /**
     * The stored document, keys back in the document's declared order: JSONB keeps keys sorted by length, and a
     * document read back should look like the one written (the API returns it as is).
     */
    Map<String, Object> readDocument(String json) {
        try {
            Map<String, Object> tree = treeReader.readValue(json);
            @SuppressWarnings("unchecked")
            Map<String, Object> ordered = (Map<String, Object>) inDeclaredOrder(tree, DocumentShape.ROOT);
            return ordered;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored config document is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    String writeChanges(List<Change> changes) {
        List<Map<String, Object>> rows = new ArrayList<>(changes.size());
        for (Change change : changes) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", change.path());
            row.put("old", change.oldValue());
            row.put("new", change.newValue());
            rows.add(row);
        }
        return write(rows);
    }

    List<Change> readChanges(String json) {
        try {
            List<Map<String, Object>> rows = changesReader.readValue(json);
            List<Change> changes = new ArrayList<>(rows.size());
            for (Map<String, Object> row : rows) {
                changes.add(new Change((String) row.get("path"), row.get("old"), row.get("new")));
            }
            return changes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored config changes are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store config as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Declared keys first, in record order; keys the shape does not know (older documents) keep their place after. */
    private static Object inDeclaredOrder(Object value, Node node) {
        if (node instanceof RecordNode record && value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(map.size() * 2);
            for (FieldSpec field : record.fields()) {
                if (map.containsKey(field.jsonName())) {
                    out.put(field.jsonName(), inDeclaredOrder(map.get(field.jsonName()), field.node()));
                }
            }
            if (out.size() < map.size()) {
                map.forEach((k, v) -> out.putIfAbsent(String.valueOf(k), v));
            }
            return out;
        }
        if (node instanceof MapNode mapNode && value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>(map.size() * 2);
            map.forEach((k, v) -> out.put(String.valueOf(k), inDeclaredOrder(v, mapNode.valueNode())));
            return out;
        }
        return value;
    }

    /**
     * Writes a double in plain notation with a fractional part ({@code 12345678.0}, not {@code 1.2345678E7}): JSONB
     * stores numbers as NUMERIC and prints them back without exponent, so {@code 1.2345678E7} would come back as the
     * integer {@code 12345678} and a Double would turn into an Integer. Non-finite values have no JSON form.
     */
    private static final class DecimalSerializer<T extends Number> extends StdSerializer<T> {
        DecimalSerializer(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            double d = value.doubleValue();
            if (!Double.isFinite(d)) {
                throw new JsonGenerationException(
                        "non-finite number " + d + " cannot be stored", generator);
            }
            String plain = (value instanceof Float ? new BigDecimal(value.toString()) : BigDecimal.valueOf(d))
                    .toPlainString();
            generator.writeNumber(plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
    }
}
