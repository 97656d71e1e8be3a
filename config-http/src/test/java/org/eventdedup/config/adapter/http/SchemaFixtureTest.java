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
}
