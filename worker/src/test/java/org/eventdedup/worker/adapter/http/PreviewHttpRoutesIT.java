package org.eventdedup.worker.adapter.http;

import org.eventdedup.worker.adapter.persistence.JdbiPreviewSamples;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.adapter.http.ConfigHttpServer;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.gemini.FakeGemini;
import org.eventdedup.worker.adapter.gemini.GeminiKeyCheck;
import org.eventdedup.worker.adapter.gemini.GeminiSettings;
import org.eventdedup.worker.adapter.http.WorkerApiClient.Response;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.adapter.persistence.JdbiGroundTruthStore;
import org.eventdedup.worker.preview.ImpactPreview;
import org.eventdedup.worker.adapter.persistence.JdbiListingCategoryCounts;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineQueries;
import org.eventdedup.worker.query.ListingCategories;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunCheckpoint;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preview, ground-truth and key-test endpoints on the real config server over a fresh PostgreSQL database, with
 * listings stored by the real pipeline and Gemini played by a real HTTP server on a random port.
 */
@ExtendWith(FreshDatabaseExtension.class)
class PreviewHttpRoutesIT {

    private static final String KEY = "AIzaTestKey-do-not-leak-123";
    private static final String AUTH = TestOperators.basic(TestOperators.EDITOR);

    private final Jdbi jdbi;
    private final ConfigService configService;
    @TempDir
    Path deadLetters;
    private final TestOperators operators = new TestOperators("alice");
    private ConfigHttpServer server;
    private WorkerApiClient api;
    private FakeGemini gemini;

    PreviewHttpRoutesIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
        this.configService = new ConfigService(persistence.configRepository(), new ReversingSecretCipher(), null,
                null, Clock.systemUTC());
    }

    @BeforeEach
    void start() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, match_decisions, canonical_events,"
                + " canonical_event_sources, pipeline_runs, ai_match_cache, ai_usage_log, ground_truth_pairs,"
                + " ground_truth_listings, ground_truth_imports, config_settings, config_history"
                + " RESTART IDENTITY CASCADE"));
        gemini = new FakeGemini();
        FileIntake intake = new FileIntake(new JdbiIngestionQueue(jdbi), new DeadLetterDirectory(deadLetters),
                FileIntake.DEFAULT_MAX_BYTES);
        JdbiPipelineQueries queries = new JdbiPipelineQueries(jdbi, Lexicon.EMPTY);
        PreviewHttpRoutes preview = new PreviewHttpRoutes(new ImpactPreview(new JdbiPreviewSamples(jdbi), configService, Lexicon.EMPTY, 2),
                new JdbiGroundTruthStore(jdbi), new GeminiKeyCheck(GeminiSettings.forBaseUrl(gemini.baseUrl()),
                configService));
        server = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(configService, configService,
                configService, configService, () -> true, null,
                List.of(new WorkerHttpRoutes(queries, queries,
                        new ListingCategories(new JdbiListingCategoryCounts(jdbi)), intake), preview), operators.server()));
        api = new WorkerApiClient(server.port(), TestOperators.basic(TestOperators.EDITOR));
    }

    @AfterEach
    void stop() {
        server.stop();
        gemini.close();
        api.assertResponsesAreClean();
    }

    // ---- ground truth

    @Test
    void an_import_stores_the_known_listings_reports_unknown_ids_and_replaces_the_previous_truth() {
        storeFixtures();
        Response empty = get("/api/ground-truth");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json()).containsEntry("pairs", 0).containsEntry("listings", 0)
                .containsEntry("imported_at", null).containsEntry("imported_by", null);

        Response first = post("/api/ground-truth", "{\"pairs\": [[\"emt-umzug\", \"bwb-umzug\"],"
                + " [\"bwb-umzug\", \"ghost-2\"]], \"entities\": {\"E9\": [\"ghost-1\"]}}", "Authorization",
                TestOperators.basic("alice"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json()).containsEntry("imported", 1).containsEntry("pairs", 1)
                .containsEntry("listings", 2).containsEntry("unknown_listing_ids", List.of("ghost-1", "ghost-2"))
                .containsEntry("unknown_listings", 2).containsEntry("skipped_pairs", 1);
        Response stored = get("/api/ground-truth");
        assertThat(stored.json()).containsEntry("pairs", 1).containsEntry("listings", 2)
                .containsEntry("imported_by", "alice");
        assertThat((String) stored.json().get("imported_at")).endsWith("Z");

        Response second = post("/api/ground-truth", "{\"entities\": {\"E1\": [\"bwb-konzert\", \"emt-flohmarkt\"],"
                + " \"E2\": [\"emt-umzug\"]}}");
        assertThat(second.json()).containsEntry("imported", 1).containsEntry("listings", 3)
                .containsEntry("unknown_listing_ids", List.of());
        List<String> storedPairs = jdbi.withHandle(h -> h.createQuery("SELECT a || '|' || b FROM ground_truth_pairs")
                .mapTo(String.class).list());
        assertThat(storedPairs).containsExactly("bwb-konzert|emt-flohmarkt");
        assertThat(get("/api/ground-truth").json()).containsEntry("pairs", 1).containsEntry("listings", 3)
                .containsEntry("imported_by", TestOperators.EDITOR);
    }

    @Test
    void a_malformed_truth_is_rejected_naming_the_field_and_keeps_the_stored_one() {
        storeFixtures();
        post("/api/ground-truth", "{\"pairs\": [[\"bwb-umzug\", \"emt-umzug\"]]}");
        for (String[] bad : new String[][] {
                {"{\"pairs\": [[\"a\", \"b\", \"c\"]]}", "#/pairs/0", "must hold two different ids"},
                {"{\"pairs\": [[\"a\", 1]]}", "#/pairs/0/1", "must be a non-empty string"},
                {"{\"pairs\": {}}", "#/pairs", "must be an array"},
                {"{\"entities\": {\"E1\": [\"a\"], \"E2\": [\"a\"]}}", "#/entities/E2", "also in entity"},
                {"{\"truth\": []}", "#", "neither \"pairs\" nor \"entities\""}}) {
            Response r = post("/api/ground-truth", bad[0]);
            assertThat(r.status()).as(bad[0]).isEqualTo(422);
            Map<String, Object> error = r.list("errors").get(0);
            assertThat(error).as(bad[0]).containsEntry("pointer", bad[1]);
            assertThat((String) error.get("detail")).as(bad[0]).contains(bad[2]);
        }
        assertThat(post("/api/ground-truth", "{\"pairs\": [").status()).isEqualTo(400);
        assertThat(post("/api/ground-truth", "[]").status()).isEqualTo(400);
        // an id no listing can have: PostgreSQL cannot even compare a NUL
        Response nul = post("/api/ground-truth", "{\"pairs\": [[\"a\\u0000\", \"b\"]]}");
        assertThat(nul.status()).as(nul.body()).isEqualTo(422);
        assertThat(nul.list("errors").get(0)).containsEntry("pointer", "#/pairs/0/0");
        assertThat(api.send("POST", "/api/ground-truth", "text/plain", BodyPublishers.ofString("{}"),
                "Authorization", AUTH).status()).isEqualTo(415);
        assertThat(get("/api/ground-truth").json()).containsEntry("pairs", 1).containsEntry("listings", 2);
    }

    // ---- preview

    @Test
    void a_preview_compares_both_configs_on_the_stored_listings_and_writes_nothing() {
        configService.update(new UpdateConfigCommand(Map.of("thresholds", Map.of("high", 0.74)), ApiKeyChange.KEEP,
                Precondition.NONE, "test"));
        storeFixtures();
        post("/api/ground-truth", "{\"entities\": {\"E1\": [\"bwb-umzug\", \"emt-umzug\"], \"E2\": [\"bwb-konzert\"],"
                + " \"E3\": [\"emt-flohmarkt\"]}}");
        String before = snapshot();

        Response r = post("/api/config/preview", "{\"thresholds\": {\"high\": 0.99}, \"version\": 1,"
                + " \"updated_at\": null, \"ai_api_key\": \"AIza-ignored\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(configService.current().version()).isEqualTo(1);
        Map<String, Object> body = r.json();
        Map<String, Object> sample = map(body, "sample");
        assertThat(sample).containsEntry("listings", 4).containsEntry("labelled_pairs", 1).containsKey("elapsed_ms");
        int pairs = ((Number) sample.get("candidate_pairs")).intValue();
        assertThat(pairs).isPositive();

        Map<String, Object> current = map(body, "current");
        Map<String, Object> candidate = map(body, "candidate");
        assertThat(current).containsEntry("version", 1);
        assertThat(candidate).containsEntry("version", null);
        assertThat(map(current, "counts")).containsEntry("match", 1);
        assertThat(map(candidate, "counts")).containsEntry("match", 0);
        assertThat(current).containsEntry("clusters", 1).containsEntry("flagged_clusters", 0)
                .containsEntry("canonical_events", 3);
        assertThat(candidate).containsEntry("clusters", 0).containsEntry("canonical_events", 4);
        assertThat(map(current, "quality")).containsEntry("precision", 1.0).containsEntry("recall", 1.0)
                .containsEntry("f1", 1.0).containsEntry("labelled_pairs", 1);
        assertThat(map(candidate, "quality")).containsEntry("recall", 0.0).containsEntry("f1", 0.0);
        assertThat(map(current, "thresholds")).containsEntry("high", 0.74).containsEntry("low", 0.35)
                .containsEntry("title_veto", 0.45);
        assertThat(map(candidate, "thresholds")).containsEntry("high", 0.99);
        Map<String, Object> histogram = map(candidate, "histogram");
        assertThat(histogram).containsEntry("min", 0.0).containsEntry("max", 1.0);
        @SuppressWarnings("unchecked")
        List<Integer> counts = (List<Integer>) histogram.get("counts");
        assertThat(counts).hasSize(50);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(pairs);
        assertThat(map(current, "ai")).containsEntry("enabled", false).containsEntry("tokens_source", "estimate")
                .containsEntry("currency", "USD").containsKeys("pairs_in_window", "cost_per_run",
                        "avg_input_tokens", "avg_output_tokens");

        Map<String, Object> flips = map(body, "flips");
        assertThat(flips).containsEntry("total", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> group = ((List<Map<String, Object>>) flips.get("groups")).get(0);
        assertThat(group).containsEntry("from", "match").containsEntry("to", "ambiguous").containsEntry("count", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> pair = ((List<Map<String, Object>>) group.get("pairs")).get(0);
        assertThat(map(pair, "a")).containsEntry("id", "bwb-umzug").containsEntry("title", "Großer Fasnetsumzug Kenzingen")
                .containsEntry("source", "bwb");
        assertThat(map(pair, "b")).containsEntry("id", "emt-umzug").containsEntry("source", "emt");
        assertThat(pair).containsEntry("labelled", true);
        assertThat(map(pair, "current")).containsEntry("decision", "match");
        assertThat(map(pair, "candidate")).containsEntry("decision", "ambiguous");
        assertThat(map(map(pair, "current"), "signals")).containsOnlyKeys("date", "geo", "title", "description");
        assertThat(map(pair, "current").get("score")).isEqualTo(map(pair, "candidate").get("score"));
        assertThat(r.body()).doesNotContain("AIza-ignored");
    }

    @Test
    void the_ai_forecast_uses_the_measured_tokens_per_call_and_the_configured_prices() {
        configService.update(new UpdateConfigCommand(Map.of("thresholds", Map.of("low", 0.0, "high", 0.99),
                "ai", Map.of("min_combined_score", 0.0,
                "max_combined_score", 1.0, "cost_per_1m_input_tokens", 1.0, "cost_per_1m_output_tokens", 10.0)),
                ApiKeyChange.KEEP, Precondition.NONE, "test"));
        storeFixtures();
        jdbi.useHandle(h -> {
            long run = h.createQuery("SELECT max(id) FROM pipeline_runs").mapTo(Long.class).one();
            h.execute("INSERT INTO ai_usage_log (run_id, model, requests, cached_requests, api_calls,"
                    + " failed_requests, prompt_tokens, output_tokens, thought_tokens, total_tokens,"
                    + " estimated_cost_usd) VALUES (?, 'gemini-2.5-flash', 4, 0, 4, 0, 2000, 300, 100, 2400, 0)", run);
        });

        Response r = post("/api/config/preview", "{\"ai\": {\"enabled\": true}}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, Object> current = map(map(r.json(), "current"), "ai");
        Map<String, Object> candidate = map(map(r.json(), "candidate"), "ai");
        assertThat(current).containsEntry("enabled", false).containsEntry("tokens_source", "measured")
                .containsEntry("avg_input_tokens", 500.0).containsEntry("avg_output_tokens", 100.0);
        assertThat(candidate).containsEntry("enabled", true);
        int ambiguous = (Integer) map(map(r.json(), "current"), "counts").get("ambiguous");
        assertThat(ambiguous).isPositive();
        assertThat(current).containsEntry("pairs_in_window", ambiguous);
        // per call 500 × $1 + 100 × $10 per million tokens
        assertThat(((Number) current.get("cost_per_run")).doubleValue())
                .isCloseTo(ambiguous * 1500 / 1e6, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(gemini.requests()).isEmpty();
    }

    @Test
    void an_invalid_candidate_gets_exactly_the_problem_a_patch_gets() {
        storeFixtures();
        for (String body : List.of("{\"thresholds\": {\"low\": 0.9, \"high\": 0.5}}",
                "{\"scoring\": {\"date\": 0.9}, \"nonsense\": 1}", "{\"thresholds\": {\"high\": \"high\"}}")) {
            Response patch = api.send("PATCH", "/api/config", "application/merge-patch+json",
                    BodyPublishers.ofString(body), "Authorization", AUTH);
            Response preview = api.send("POST", "/api/config/preview", "application/merge-patch+json",
                    BodyPublishers.ofString(body), "Authorization", AUTH);
            assertThat(patch.status()).as(body).isEqualTo(422);
            assertThat(preview.status()).as(body).isEqualTo(422);
            assertThat(preview.json()).as(body).isEqualTo(patch.json());
        }
        assertThat(configService.current().version()).isZero();
    }

    @Test
    void the_listings_parameter_is_checked_and_bounds_the_sample() {
        storeFixtures();
        for (String query : List.of("?listings=0", "?listings=50001", "?listings=abc", "?listings=1&listings=2",
                "?limit=5")) {
            Response r = post("/api/config/preview" + query, "{}");
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.json().get("parameter")).as(query).isIn("listings", "limit");
        }
        Response one = post("/api/config/preview?listings=1", "{}");
        assertThat(map(one.json(), "sample")).containsEntry("listings", 1).containsEntry("candidate_pairs", 0);
        assertThat(map(one.json(), "flips")).containsEntry("total", 0);
        assertThat(post("/api/config/preview", "").status()).isEqualTo(400);
        assertThat(api.send("POST", "/api/config/preview", "text/plain", BodyPublishers.ofString("{}"),
                "Authorization", AUTH).status()).isEqualTo(415);
    }

    @Test
    void bodies_are_utf8_without_a_byte_order_mark() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        byte[] overlong = {'{', '"', 'a', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'};
        byte[] utf16 = "{\"pairs\": [[\"a\", \"b\"]]}".getBytes(StandardCharsets.UTF_16LE);
        for (String path : List.of("/api/config/preview", "/api/ground-truth", "/api/config/ai-key/test")) {
            for (byte[] body : List.of(bom, overlong, utf16)) {
                Response r = api.send("POST", path, "application/json", BodyPublishers.ofByteArray(body),
                        "Authorization", AUTH);
                assertThat(r.status()).as(path + " " + r.body()).isEqualTo(400);
                assertThat(r.body()).as(path).containsAnyOf("byte order mark", "not valid UTF-8",
                        "not valid JSON").doesNotContainIgnoringCase("jackson");
            }
        }
        assertThat(get("/api/ground-truth").json()).containsEntry("imported_at", null);
    }

    // ---- key test

    @Test
    void the_key_test_is_409_without_a_key_then_reports_success_or_the_providers_message() {
        Response none = post("/api/config/ai-key/test", "{}");
        assertThat(none.status()).isEqualTo(409);
        assertThat((String) none.json().get("detail")).contains("No Gemini API key is stored");

        configService.update(new UpdateConfigCommand(Map.of(), new ApiKeyChange.Set(SecretString.of(KEY)),
                Precondition.NONE, "test"));
        gemini.enqueue(FakeGemini.ok("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"p\"}]}}]}"),
                FakeGemini.reply(400, resource("/gemini/error-400-api-key-invalid.json")),
                FakeGemini.reply(403, "{\"error\": {\"code\": 403, \"message\": \"Key " + KEY
                        + " is blocked\", \"status\": \"PERMISSION_DENIED\"}}"));

        Response ok = post("/api/config/ai-key/test", null);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json()).containsEntry("ok", true).containsEntry("model", "gemini-2.5-flash")
                .containsKey("latency_ms").doesNotContainKey("message");
        FakeGemini.Recorded request = gemini.requests().get(0);
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(request.query()).isNull();
        assertThat(request.body()).contains("\"maxOutputTokens\":1");

        Response rejected = post("/api/config/ai-key/test", null);
        assertThat(rejected.json()).containsEntry("ok", false).containsEntry("status", 400)
                .containsEntry("message", "API key not valid. Please pass a valid API key.");
        Response blocked = post("/api/config/ai-key/test", null);
        assertThat(blocked.json()).containsEntry("ok", false).containsEntry("status", 403)
                .containsEntry("message", "Key [redacted] is blocked");
        // the test is of the stored key: a key in the body is refused, not silently ignored
        Response other = post("/api/config/ai-key/test", "{\"api_key\": \"AIza-another\"}");
        assertThat(other.status()).as(other.body()).isEqualTo(422);
        assertThat(other.list("errors").get(0)).containsEntry("pointer", "#/api_key");
        for (Response r : List.of(none, ok, rejected, blocked, other)) {
            assertThat(r.body()).doesNotContain(KEY);
        }
        assertThat(gemini.requests()).hasSize(3);
    }

    // ---- helpers

    private void storeFixtures() {
        api.ingest("bwb_01.json", fixture("bwb_01.json"));
        api.ingest("emt_02.json", fixture("emt_02.json"));
        var run = new PipelineRun(new JdbiPipelineTransactions(jdbi), configService, Lexicon.EMPTY, null, new DeadLetterDirectory(deadLetters),
                RunCheckpoint.NONE, Clock.systemUTC()).runOnce().orElseThrow();
        assertThat(run.completed()).as(String.valueOf(run.error())).isTrue();
    }

    /** Every row a preview could touch, as text. */
    private String snapshot() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT (SELECT count(*) FROM pipeline_runs) || '/' || (SELECT count(*) FROM config_history) || '/'
                    || (SELECT string_agg(a || b || decision || combined_score || config_version, ',' ORDER BY a, b)
                          FROM match_decisions) || '/'
                    || (SELECT string_agg(id || ':' || version, ',' ORDER BY id) FROM canonical_events) || '/'
                    || (SELECT count(*) FROM ai_match_cache) || '/' || (SELECT count(*) FROM ai_usage_log)""")
                .mapTo(String.class).one());
    }

    private Response get(String path) {
        return api.send("GET", path, null, BodyPublishers.noBody(), "Authorization", AUTH);
    }

    /** As the default editor unless the headers name other credentials. */
    private Response post(String path, String json, String... headers) {
        return api.send("POST", path, json == null ? null : "application/json",
                json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json), headers);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    private static byte[] fixture(String name) {
        try (var in = PreviewHttpRoutesIT.class.getResourceAsStream("/pipeline/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (var in = PreviewHttpRoutesIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
