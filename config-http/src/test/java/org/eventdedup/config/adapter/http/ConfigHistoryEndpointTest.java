package org.eventdedup.config.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.config.adapter.http.ConfigReadEndpointsTest.assertProblem;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigHistoryEndpointTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- history

    @Test
    void history_lists_every_save_newest_first_with_operator_and_changed_paths() {
        server.as("alice").patch("{\"thresholds\":{\"high\":0.8}}");
        server.as("bob").patch("{\"geo\":{\"max_distance_km\":12.5}}");
        server.patch("{\"thresholds\":{\"high\":0.85,\"low\":0.3}}");

        HttpResult r = server.get("/api/config/history");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        List<Map<String, Object>> entries = r.jsonList();
        assertThat(entries).extracting(e -> e.get("version")).containsExactly(3, 2, 1, 0);
        assertThat(entries).extracting(e -> e.get("updated_by")).containsExactly(TestServer.EDITOR, "bob", "alice", null);
        assertThat(entries.get(2)).containsEntry("updated_at", "2025-03-01T09:00:00Z");
        assertThat(r.at("/2/changes")).isEqualTo(
                List.of(Map.of("path", "/thresholds/high", "old", 0.75, "new", 0.8)));
        assertThat(r.at("/1/changes/0")).isEqualTo(Map.of("path", "/geo/max_distance_km", "old", 10.0, "new", 12.5));
        assertThat((List<?>) r.at("/0/changes")).hasSize(2);
    }

    @Test
    void history_honours_limit_and_before() {
        for (double high : new double[] {0.76, 0.77, 0.78, 0.79}) {
            server.patch("{\"thresholds\":{\"high\":" + high + "}}");
        }

        assertThat(server.get("/api/config/history?limit=2").jsonList()).extracting(e -> e.get("version"))
                .containsExactly(4, 3);
        assertThat(server.get("/api/config/history?limit=2&before=3").jsonList()).extracting(e -> e.get("version"))
                .containsExactly(2, 1);
        assertThat(server.get("/api/config/history?before=1").jsonList()).extracting(e -> e.get("version"))
                .containsExactly(0);
    }

    @Test
    void before_the_first_save_the_history_holds_version_0_the_shipped_configuration() {
        HttpResult r = server.get("/api/config/history");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[{\"version\":0,\"updated_at\":null,\"updated_by\":null,\"changes\":[]}]");
        assertThat(server.get("/api/config/history/0").json()).containsEntry("version", 0)
                .containsEntry("updated_at", null);
    }

    @Test
    void rollback_to_version_0_restores_the_shipped_configuration_as_a_new_version() {
        server.patch("{\"thresholds\":{\"high\":0.8}}");
        server.patch("{\"scoring\":{\"date\":0.25,\"description\":0.2}}");
        Object shippedHigh = server.get("/api/config/history/0").at("/thresholds/high");

        HttpResult r = server.postJson("/api/config/rollback", "{\"version\":0}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("version", 3);
        assertThat(r.at("/thresholds/high")).isEqualTo(shippedHigh);
        assertThat(r.at("/scoring/date")).isEqualTo(server.get("/api/config/defaults").at("/scoring/date"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=501", "limit=-1", "limit=abc", "limit=", "limit=1.5"})
    void an_invalid_limit_is_a_400_naming_the_parameter(String query) {
        HttpResult r = server.get("/api/config/history?" + query);

        assertThat(r.status()).isEqualTo(400);
        assertProblem(r, 400);
        assertThat((String) r.json().get("detail")).contains("'limit'");
        assertThat(r.json()).containsEntry("parameter", "limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"before=0", "before=-4", "before=x", "before=99999999999999999999"})
    void an_invalid_before_is_a_400_naming_the_parameter(String query) {
        HttpResult r = server.get("/api/config/history?" + query);

        assertThat(r.status()).isEqualTo(400);
        assertThat((String) r.json().get("detail")).contains("'before'");
    }

    @Test
    void limit_500_is_allowed() {
        assertThat(server.get("/api/config/history?limit=500").status()).isEqualTo(200);
    }

    // ---- one version

    @Test
    void a_history_version_is_the_complete_document_of_that_version_with_its_metadata() {
        server.as("alice").patch("{\"thresholds\":{\"high\":0.8}}");
        server.patch("{\"thresholds\":{\"high\":0.9}}");

        HttpResult r = server.get("/api/config/history/1");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.at("/thresholds/high")).isEqualTo(0.8);
        assertThat(r.json()).containsEntry("version", 1).containsEntry("updated_by", "alice")
                .containsEntry("updated_at", "2025-03-01T09:00:00Z")
                .containsKeys("scoring", "blocking", "has_api_key", "source");
    }

    @Test
    void an_unknown_history_version_is_a_404_problem() {
        server.patch("{\"thresholds\":{\"high\":0.8}}");

        HttpResult r = server.get("/api/config/history/7");

        assertThat(r.status()).isEqualTo(404);
        assertProblem(r, 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.0", "99999999999999999999"})
    void a_history_version_that_is_not_a_whole_number_of_0_or_more_is_a_400(String version) {
        HttpResult r = server.get("/api/config/history/" + version);

        assertThat(r.status()).isEqualTo(400);
        assertProblem(r, 400);
    }

    // ---- rollback

    @Test
    void rollback_stores_the_old_document_as_a_new_version_and_keeps_the_key() {
        server.patch("{\"thresholds\":{\"high\":0.8}}");
        server.patch("{\"thresholds\":{\"high\":0.9},\"ai_api_key\":\"" + TestServer.key("kept") + "\"}");

        HttpResult r = server.as("dave").postJson("/api/config/rollback", "{\"version\":1}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("ETag")).contains("\"3\"");
        assertThat(r.at("/thresholds/high")).isEqualTo(0.8);
        assertThat(r.json()).containsEntry("version", 3).containsEntry("has_api_key", true)
                .containsEntry("updated_by", "dave");
        assertThat(server.get("/api/config").body()).isEqualTo(r.body());
        assertThat(server.get("/api/config/history?limit=1").at("/0/changes/0"))
                .isEqualTo(Map.of("path", "/thresholds/high", "old", 0.9, "new", 0.8));
    }

    @Test
    void rollback_honours_if_match() {
        server.patch("{\"thresholds\":{\"high\":0.8}}");
        server.patch("{\"thresholds\":{\"high\":0.9}}");

        HttpResult stale = server.postJson("/api/config/rollback", "{\"version\":1}", "If-Match", "\"1\"");
        HttpResult current = server.postJson("/api/config/rollback", "{\"version\":1}", "If-Match", "\"2\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json()).containsEntry("current_version", 2);
        assertThat(current.status()).isEqualTo(200);
    }

    @Test
    void rollback_to_an_unknown_version_is_a_404() {
        server.patch("{\"thresholds\":{\"high\":0.8}}");

        HttpResult r = server.postJson("/api/config/rollback", "{\"version\":5}");

        assertThat(r.status()).isEqualTo(404);
        assertProblem(r, 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"version\":-1}", "{\"version\":\"1\"}", "{\"version\":1.5}",
            "{\"version\":1,\"extra\":true}"})
    void a_rollback_body_without_one_version_of_0_or_more_is_a_422(String body) {
        HttpResult r = server.postJson("/api/config/rollback", body);

        assertThat(r.status()).isEqualTo(422);
        assertProblem(r, 422);
    }

    @Test
    void a_rollback_body_that_is_not_json_is_a_400_and_another_type_a_415() {
        assertThat(server.postJson("/api/config/rollback", "version=1").status()).isEqualTo(400);
        assertThat(server.send("POST", "/api/config/rollback", "text/plain",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"version\":1}")).status()).isEqualTo(415);
    }

    // ---- the key endpoint

    @Test
    @SuppressWarnings("unchecked")
    void put_and_delete_ai_key_answer_204_and_history_shows_only_set_replaced_cleared() {
        HttpResult set = server.as("erin").putJson("/api/config/ai-key",
                "{\"api_key\":\"" + TestServer.key("a") + "\"}");
        assertThat(set.status()).isEqualTo(204);
        assertThat(set.body()).isEmpty();
        assertThat(server.get("/api/config").json()).containsEntry("has_api_key", true)
                .containsEntry("api_key_source", "database");

        assertThat(server.putJson("/api/config/ai-key", "{\"api_key\":\"" + TestServer.key("b") + "\"}").status())
                .isEqualTo(204);
        HttpResult deleted = server.delete("/api/config/ai-key");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(server.get("/api/config").json()).containsEntry("has_api_key", false);
        List<Map<String, Object>> history = server.get("/api/config/history").jsonList();
        List<Map<String, Object>> changes = history.stream().filter(e -> !e.get("version").equals(0))
                .map(e -> ((List<Map<String, Object>>) e.get("changes")).get(0)).toList();
        assertThat(changes).extracting(c -> c.get("path")).containsOnly("/ai_api_key");
        assertThat(changes).extracting(c -> c.get("new")).containsExactly("cleared", "replaced", "set");
        assertThat(changes).extracting(c -> c.get("old")).allMatch(o -> o == null || "set".equals(o));
        assertThat(history.get(2)).containsEntry("updated_by", "erin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"api_key\":\"\"}", "{\"api_key\":\"  \"}", "{\"api_key\":null}",
            "{\"api_key\":7}", "{\"api_key\":\"AIza-SeCrEt-x\",\"other\":1}"})
    void put_ai_key_without_exactly_one_non_empty_key_is_a_422(String body) {
        HttpResult r = server.putJson("/api/config/ai-key", body);

        assertThat(r.status()).isEqualTo(422);
        assertProblem(r, 422);
        assertThat(server.repository.currentVersion()).isZero();
    }

    @Test
    void put_ai_key_honours_if_match() {
        HttpResult r = server.putJson("/api/config/ai-key", "{\"api_key\":\"" + TestServer.key("c") + "\"}",
                "If-Match", "\"4\"");

        assertThat(r.status()).isEqualTo(412);
    }

}
