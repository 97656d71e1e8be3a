package org.eventdedup.config.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.config.adapter.http.ConfigReadEndpointsTest.assertProblem;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.Thresholds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigPatchEndpointTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- merge semantics

    @Test
    void patch_stores_a_new_version_and_answers_like_get() {
        HttpResult r = server.as("alice").patch("{\"thresholds\":{\"high\":0.8}}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("ETag")).contains("\"1\"");
        assertThat(r.at("/thresholds/high")).isEqualTo(0.8);
        assertThat(r.json()).containsEntry("version", 1).containsEntry("source", "database")
                .containsEntry("updated_by", "alice").containsEntry("updated_at", "2025-03-01T09:00:00Z");
        assertThat(server.get("/api/config").body()).isEqualTo(r.body());
    }

    @Test
    void patch_accepts_merge_patch_json_with_a_charset() {
        HttpResult r = server.send("PATCH", "/api/config", "application/merge-patch+json; charset=UTF-8",
                BodyPublishers.ofString("{\"thresholds\":{\"high\":0.8}}"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.at("/thresholds/high")).isEqualTo(0.8);
    }

    @Test
    void patching_thresholds_keeps_an_earlier_scoring_patch() {
        server.patch("{\"scoring\":{\"date\":0.4,\"geo\":0.2,\"title\":0.25,\"description\":0.15}}");

        HttpResult r = server.patch("{\"thresholds\":{\"high\":0.8}}");

        assertThat(r.at("/scoring")).isEqualTo(Map.of("date", 0.4, "geo", 0.2, "title", 0.25, "description", 0.15));
        assertThat(r.at("/thresholds/high")).isEqualTo(0.8);
        assertThat(r.json()).containsEntry("version", 2);
    }

    @Test
    void patching_the_primary_title_weight_keeps_the_secondary_weight_and_blend_window() {
        HttpResult r = server.patch("{\"title\":{\"primary_weight\":0.8}}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.at("/title/primary_weight")).isEqualTo(0.8);
        assertThat(r.at("/title/secondary_weight")).isEqualTo(0.3);
        assertThat(r.at("/title/blend_lower")).isEqualTo(0.4);
        assertThat(r.at("/title/blend_upper")).isEqualTo(0.8);
    }

    @Test
    void null_resets_a_field_to_its_effective_default() {
        server.close();
        MatchingConfig d = MatchingConfig.DEFAULT;
        server = TestServer.withFileConfig(new MatchingConfig(d.scoring(), new Thresholds(0.7, 0.35, 0.45), d.geo(),
                d.date(), d.title(), d.cluster(), d.canonical(), AiConfig.DEFAULT, d.categoryWeights(),
                d.blocking()));
        server.patch("{\"thresholds\":{\"high\":0.9,\"low\":0.3}}");

        HttpResult r = server.patch("{\"thresholds\":{\"high\":null}}");

        assertThat(r.at("/thresholds/high")).isEqualTo(0.7);
        assertThat(r.at("/thresholds/low")).isEqualTo(0.3);
    }

    @Test
    void null_removes_a_category_override() {
        server.patch("{\"category_weights\":{\"overrides\":{"
                + "\"musik\":{\"date\":0.25,\"geo\":0.25,\"title\":0.25,\"description\":0.25},"
                + "\"sport\":{\"date\":0.4,\"geo\":0.2,\"title\":0.3,\"description\":0.1}}}}");

        HttpResult r = server.patch("{\"category_weights\":{\"overrides\":{\"musik\":null}}}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(((Map<String, Object>) r.at("/category_weights/overrides")).keySet()).containsExactly("sport");
    }

    @Test
    void null_removes_the_cross_source_type_blend() {
        HttpResult set = server.patch("{\"title\":{\"cross_source_type\":{\"primary_weight\":0.4,"
                + "\"secondary_weight\":0.6,\"blend_lower\":0.25,\"blend_upper\":0.95}}}");
        assertThat(set.at("/title/cross_source_type/blend_upper")).isEqualTo(0.95);

        HttpResult r = server.patch("{\"title\":{\"cross_source_type\":null}}");

        assertThat(r.json()).extractingByKey("title").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("cross_source_type", null);
    }

    @Test
    void arrays_replace_rather_than_merge() {
        server.patch("{\"category_weights\":{\"priority\":[\"fasnacht\",\"versammlung\"]}}");

        HttpResult r = server.patch("{\"category_weights\":{\"priority\":[\"musik\"]}}");

        assertThat(r.at("/category_weights/priority")).isEqualTo(List.of("musik"));
    }

    @Test
    void a_patch_that_changes_nothing_keeps_the_version() {
        server.patch("{\"thresholds\":{\"high\":0.8}}");

        HttpResult r = server.patch("{\"thresholds\":{\"high\":0.8}}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("version", 1);
        assertThat(server.get("/api/config/history").jsonList()).extracting(e -> e.get("version"))
                .containsExactly(1, 0);
    }

    @Test
    void a_complete_get_body_sent_back_is_accepted_and_its_read_only_fields_are_ignored() {
        server.patch("{\"thresholds\":{\"high\":0.8}}");
        Map<String, Object> body = server.currentBody();
        body.remove("updated_at");
        body.put("version", 99);
        body.put("source", "file");
        body.put("updated_by", "mallory");
        body.put("has_api_key", true);
        body.put("api_key_source", "environment");
        ((Map<String, Object>) body.get("thresholds")).put("low", 0.3);

        HttpResult r = server.patch(json(body));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("version", 2).containsEntry("source", "database")
                .containsEntry("updated_by", TestServer.EDITOR).containsEntry("has_api_key", false)
                .containsEntry("api_key_source", null);
        assertThat(r.at("/thresholds/low")).isEqualTo(0.3);
    }

    // ---- API key

    @Test
    void ai_api_key_sets_and_empty_string_clears_the_stored_key() {
        HttpResult set = server.patch("{\"ai_api_key\":\"" + TestServer.key("one") + "\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json()).containsEntry("has_api_key", true).containsEntry("api_key_source", "database")
                .doesNotContainKey("ai_api_key");
        assertThat(server.repository.storedToken()).isNotNull().doesNotContain(TestServer.key("one"));

        HttpResult cleared = server.patch("{\"ai_api_key\":\"\"}");

        assertThat(cleared.json()).containsEntry("has_api_key", false).containsEntry("api_key_source", null);
        assertThat(server.repository.storedToken()).isNull();
    }

    @Test
    void ai_api_key_null_leaves_the_stored_key_alone() {
        server.patch("{\"ai_api_key\":\"" + TestServer.key("two") + "\"}");

        HttpResult r = server.patch("{\"ai_api_key\":null,\"thresholds\":{\"high\":0.8}}");

        assertThat(r.json()).containsEntry("has_api_key", true);
    }

    @Test
    void ai_api_key_of_another_type_is_a_422_naming_it() {
        HttpResult r = server.patch("{\"ai_api_key\":42}");

        assertThat(r.status()).isEqualTo(422);
        assertProblem(r, 422);
        assertThat(r.errorPointers()).containsExactly("#/ai_api_key");
    }

    @Test
    void an_api_key_inside_the_document_is_refused_as_write_only() {
        HttpResult r = server.patch("{\"ai\":{\"api_key\":\"" + TestServer.key("inline") + "\"}}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorPointers()).containsExactly("#/ai/api_key");
        assertThat(r.body()).contains("write-only").contains("ai_api_key");
        assertThat(server.repository.currentVersion()).isZero();
    }

    // ---- validation

    @Test
    void an_unknown_field_is_a_422_naming_it() {
        HttpResult r = server.patch("{\"thresholds\":{\"hihg\":0.8}}");

        assertThat(r.status()).isEqualTo(422);
        assertProblem(r, 422);
        assertThat(r.errorPointers()).contains("#/thresholds/hihg");
        assertThat(r.json().get("type")).isEqualTo("urn:event-dedup:problem:validation-failed");
    }

    @Test
    void several_violations_are_all_listed() {
        HttpResult r = server.patch("{\"thresholds\":{\"high\":1.5},\"cluster\":{\"max_cluster_size\":1},"
                + "\"ai\":{\"model\":\"\"},\"scoring\":{\"date\":0.9}}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorPointers()).contains("#/thresholds/high", "#/cluster/max_cluster_size", "#/ai/model")
                .anySatisfy(p -> assertThat(p).startsWith("#/scoring"));
        assertThat(server.repository.currentVersion()).isZero();
    }

    @Test
    void a_cross_field_error_names_the_other_field_by_its_label_and_value_and_keeps_the_pointer() {
        HttpResult r = server.patch("{\"thresholds\":{\"low\":0.8}}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors")).isEqualTo(java.util.List.of(java.util.Map.of(
                "pointer", "#/thresholds/low", "detail", "Must be below the match threshold (0.75).")));
    }

    @Test
    void a_category_name_differing_only_in_case_from_another_is_a_422_naming_it() {
        server.patch("{\"category_weights\":{\"priority\":[\"Konzert\"],\"overrides\":{"
                + "\"Konzert\":{\"date\":0.25,\"geo\":0.25,\"title\":0.25,\"description\":0.25}}}}");

        HttpResult r = server.patch("{\"category_weights\":{\"overrides\":{"
                + "\"konzert\":{\"date\":0.4,\"geo\":0.2,\"title\":0.3,\"description\":0.1}}}}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors")).isEqualTo(List.of(Map.of("pointer", "#/category_weights/overrides/konzert",
                "detail", "names compare ignoring case: \"konzert\" is the same as \"Konzert\"; keep one")));
        assertThat(server.repository.currentVersion()).isEqualTo(1);
    }

    @Test
    void a_wrongly_typed_value_is_a_422() {
        HttpResult r = server.patch("{\"thresholds\":{\"high\":\"high\"}}");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorPointers()).contains("#/thresholds/high");
    }

    // ---- body syntax, size and type

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"thresholds\":}", "{\"a\":1}{}", "{\"a\":1} x", "[1,2]", "\"text\"", "42",
            "null", "{\"thresholds\":{\"high\":NaN}}", "{\"thresholds\":{\"high\":0.8,\"high\":0.9}}",
            "{'thresholds':{}}", ""})
    void a_body_that_is_not_exactly_one_json_object_is_a_400(String body) {
        HttpResult r = server.patch(body);

        assertThat(r.status()).isEqualTo(400);
        assertProblem(r, 400);
        assertThat(server.repository.currentVersion()).isZero();
    }

    @Test
    void a_malformed_body_is_not_quoted_back() {
        HttpResult r = server.patch("{\"ai_api_key\": " + TestServer.key("unquoted") + "}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("unquoted");
    }

    @Test
    void a_duplicate_key_is_named_as_such() {
        HttpResult r = server.patch("{\"ai\":{\"enabled\":true,\"enabled\":false}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat((String) r.json().get("detail")).contains("duplicate key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml",
            "application/json; charset=ISO-8859-1"})
    void another_content_type_is_a_415(String contentType) {
        HttpResult r = server.send("PATCH", "/api/config", contentType,
                BodyPublishers.ofString("{\"thresholds\":{\"high\":0.8}}"));

        assertThat(r.status()).isEqualTo(415);
        assertProblem(r, 415);
    }

    @Test
    void a_missing_content_type_is_a_415() {
        HttpResult r = server.send("PATCH", "/api/config", null, BodyPublishers.ofString("{}"));

        assertThat(r.status()).isEqualTo(415);
    }

    @Test
    void a_body_over_64_kib_with_content_length_is_a_413() {
        HttpResult r = server.patch(bigBody(70 * 1024));

        assertThat(r.status()).isEqualTo(413);
        assertProblem(r, 413);
    }

    @Test
    void a_chunked_body_over_64_kib_is_a_413() {
        HttpResult r = server.patchChunked(bigBody(70 * 1024).getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(413);
        assertProblem(r, 413);
    }

    @Test
    void a_body_of_exactly_64_kib_is_read() {
        HttpResult r = server.patch(bigBody(64 * 1024));

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.errorPointers()).containsExactly("#/padding");
    }

    // ---- concurrency

    @Test
    void if_match_with_the_current_etag_succeeds_and_a_stale_one_is_a_412_stating_the_current_version() {
        String etag = server.get("/api/config").header("ETag").orElseThrow();
        HttpResult first = server.patch("{\"thresholds\":{\"high\":0.8}}", "If-Match", etag);
        assertThat(first.status()).isEqualTo(200);

        HttpResult stale = server.patch("{\"thresholds\":{\"high\":0.85}}", "If-Match", etag);

        assertThat(stale.status()).isEqualTo(412);
        assertProblem(stale, 412);
        assertThat(stale.json()).containsEntry("current_version", 1);
        assertThat((String) stale.json().get("detail")).contains("1");
        assertThat(server.get("/api/config").at("/thresholds/high")).isEqualTo(0.8);
    }

    @Test
    void if_match_accepts_weak_tags_and_star() {
        assertThat(server.patch("{\"thresholds\":{\"high\":0.8}}", "If-Match", "W/\"0\"").status()).isEqualTo(200);
        assertThat(server.patch("{\"thresholds\":{\"high\":0.81}}", "If-Match", "*").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "\"abc\"", "\"1\", \"2\"", "W/3"})
    void a_malformed_if_match_is_a_400(String ifMatch) {
        HttpResult r = server.patch("{\"thresholds\":{\"high\":0.8}}", "If-Match", ifMatch);

        assertThat(r.status()).isEqualTo(400);
        assertProblem(r, 400);
    }

    @Test
    void a_stale_updated_at_is_a_409_stating_the_current_version() {
        String loadedAt = (String) server.patch("{\"thresholds\":{\"high\":0.8}}").json().get("updated_at");
        server.as("bob").patch("{\"thresholds\":{\"high\":0.85}}");

        HttpResult r = server.patch("{\"updated_at\":\"" + loadedAt + "\",\"thresholds\":{\"low\":0.3}}");

        assertThat(r.status()).isEqualTo(409);
        assertProblem(r, 409);
        assertThat(r.json()).containsEntry("current_version", 2);
    }

    @Test
    void the_current_updated_at_passes() {
        String updatedAt = (String) server.patch("{\"thresholds\":{\"high\":0.8}}").json().get("updated_at");

        HttpResult r = server.patch("{\"updated_at\":\"" + updatedAt + "\",\"thresholds\":{\"low\":0.3}}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsEntry("version", 2);
    }

    @Test
    void updated_at_null_expects_nothing_saved_yet() {
        assertThat(server.patch("{\"updated_at\":null,\"thresholds\":{\"high\":0.8}}").status()).isEqualTo(200);

        HttpResult r = server.patch("{\"updated_at\":null,\"thresholds\":{\"high\":0.9}}");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json()).containsEntry("current_version", 1);
    }

    @Test
    void an_unparsable_updated_at_is_a_400_naming_it() {
        HttpResult r = server.patch("{\"updated_at\":\"yesterday\",\"thresholds\":{\"high\":0.8}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat((String) r.json().get("detail")).contains("updated_at");
    }

    // ---- operator

    @Test
    void updated_by_is_the_signed_in_operator_and_x_operator_is_ignored() {
        assertThat(server.patch("{\"thresholds\":{\"high\":0.8}}").json())
                .containsEntry("updated_by", TestServer.EDITOR);

        HttpResult r = server.as("carol").patch("{\"thresholds\":{\"high\":0.9}}", "X-Operator", "mallory");

        assertThat(r.json()).containsEntry("updated_by", "carol");
        assertThat(server.get("/api/config/history").jsonList()).extracting(e -> e.get("updated_by"))
                .containsExactly("carol", TestServer.EDITOR, null);
    }

    // ---- helpers

    /** A syntactically valid body of exactly {@code size} bytes whose one field is unknown. */
    private static String bigBody(int size) {
        String head = "{\"padding\":\"";
        return head + "x".repeat(size - head.length() - 2) + "\"}";
    }

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
