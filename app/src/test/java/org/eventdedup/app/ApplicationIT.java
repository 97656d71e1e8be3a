package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real composition root on a fresh PostgreSQL database with the shipped {@code config/matching.yaml}, called
 * over HTTP on a random port.
 */
@ExtendWith(FreshDatabaseExtension.class)
class ApplicationIT {

    /** Failsafe runs in app/, the shipped file lives at the repository root. */
    static final Path SHIPPED_YAML = Path.of("../config/matching.yaml");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Application application;
    private static URI base;

    @BeforeAll
    static void start(DatabaseSettings database) {
        assertThat(SHIPPED_YAML).as("shipped config file").exists();
        AppSettings settings = AppSettings.fromEnvironment(Map.of(
                        AppSettings.ADMIN_PASSWORD, TestAdmin.PASSWORD,
                        "EVENT_DEDUP_MATCHING_CONFIG_PATH", SHIPPED_YAML.toString(),
                        "EVENT_DEDUP_ENCRYPTION_KEY", FernetKey.generate()))
                .withDatabase(database);
        application = Application.openExternal(settings).startHttp(0);
        base = URI.create("http://127.0.0.1:" + application.httpPort());
    }

    @AfterAll
    static void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void serves_the_shipped_yaml_until_the_first_save_and_the_first_patch_keeps_its_values() throws Exception {
        HttpResponse<String> before = get("/api/config");
        assertThat(before.statusCode()).isEqualTo(200);
        JsonNode file = JSON.readTree(before.body());
        assertThat(file.path("source").asText()).isEqualTo("file");
        assertThat(file.path("version").asLong()).isZero();
        assertThat(file.path("has_api_key").asBoolean()).isFalse();
        assertThat(file.path("title").path("cross_source_type").path("primary_weight").asDouble()).isEqualTo(0.4);
        assertThat(file.path("title").path("cross_source_type").path("blend_upper").asDouble()).isEqualTo(0.95);
        assertThat(file.path("category_weights").path("priority"))
                .extracting(JsonNode::asText).containsExactly("fasnacht", "versammlung");
        assertThat(file.path("category_weights").path("overrides").path("versammlung").path("title").asDouble())
                .isEqualTo(0.40);

        HttpResponse<String> patched = send("PATCH", "/api/config", "{\"thresholds\": {\"high\": 0.8}}");
        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode saved = JSON.readTree(patched.body());
        assertThat(saved.path("source").asText()).isEqualTo("database");
        assertThat(saved.path("version").asLong()).isEqualTo(1);

        HttpResponse<String> after = get("/api/config");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag")).hasValue("\"1\"");
        JsonNode stored = JSON.readTree(after.body());
        assertThat(stored.path("source").asText()).isEqualTo("database");
        assertThat(stored.path("thresholds").path("high").asDouble()).isEqualTo(0.8);
        assertThat(stored.path("updated_by").asText()).isEqualTo(TestAdmin.NAME);
        // first-edit rule: the saved document starts from the YAML file, not from the built-ins
        assertThat(stored.path("category_weights")).isEqualTo(file.path("category_weights"));
        assertThat(stored.path("title")).isEqualTo(file.path("title"));
    }

    @Test
    void health_and_readiness_answer() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void the_defaults_endpoint_shows_the_yaml_over_the_built_ins() throws Exception {
        HttpResponse<String> response = get("/api/config/defaults");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("category_weights").path("priority"))
                .extracting(JsonNode::asText).containsExactly("fasnacht", "versammlung");
    }

    @Test
    void a_broken_config_file_stops_the_start_with_a_usage_error(DatabaseSettings database) throws IOException {
        Path broken = Files.createTempFile("matching", ".yaml");
        try {
            Files.writeString(broken, "thresholds:\n  hihg: 0.8\n");
            AppSettings settings = AppSettings.fromEnvironment(Map.of(
                        AppSettings.ADMIN_PASSWORD, TestAdmin.PASSWORD,
                            "EVENT_DEDUP_MATCHING_CONFIG_PATH", broken.toString(),
                            "EVENT_DEDUP_ENCRYPTION_KEY", FernetKey.generate()))
                    .withDatabase(database);

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Application.openExternal(settings))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining(broken.getFileName().toString())
                    .hasMessageContaining("hihg");
        } finally {
            Files.deleteIfExists(broken);
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).GET()
                        .header("Authorization", TestAdmin.AUTHORIZATION).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Content-Type", "application/json").header("Authorization", TestAdmin.AUTHORIZATION)
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
