package org.eventdedup.config.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page's unit tests check the cross-field rules the server publishes, not a copy that could drift. */
class SchemaFixtureTest {

    @Test
    void the_web_ui_test_schema_carries_the_rules_the_server_publishes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<?, ?> fixture = json.readValue(Path.of("../web-ui/tests/fixtures/schema.json").toFile(), Map.class);
        try (TestServer server = TestServer.start()) {
            Map<String, Object> served = server.get("/api/config/schema").json();
            assertThat(fixture.get("x-rules")).isEqualTo(served.get("x-rules"));
        }
    }

    @Test
    void the_web_ui_test_schema_carries_the_option_help_the_server_publishes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<?, ?> fixture = json.readValue(Path.of("../web-ui/tests/fixtures/schema.json").toFile(), Map.class);
        try (TestServer server = TestServer.start()) {
            Map<String, Object> served = server.get("/api/config/schema").json();
            Map<String, Object> servedHelp = optionHelp(served, "");
            assertThat(servedHelp).hasSize(12);
            assertThat(optionHelp(fixture, "")).isEqualTo(servedHelp);
        }
    }

    /** Every {@code x-option-help} in a schema by the path of its field. */
    private static Map<String, Object> optionHelp(Map<?, ?> schema, String path) {
        Map<String, Object> out = new java.util.TreeMap<>();
        if (schema.get("x-option-help") != null) {
            out.put(path, schema.get("x-option-help"));
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((k, v) -> out.putAll(optionHelp((Map<?, ?>) v, path + "/" + k)));
        }
        return out;
    }
}
