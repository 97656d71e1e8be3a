package org.eventdedup.worker.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.adapter.persistence.JdbiGeminiAnswerCache;
import org.eventdedup.worker.adapter.gemini.GeminiPairResolver;
import org.eventdedup.worker.adapter.files.YamlLexiconLoader;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineTransactions;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.config.adapter.secret.FernetKeyRing;
import org.eventdedup.config.adapter.secret.FernetSecretCipher;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.scoring.ListingPreparer;
import org.eventdedup.matching.scoring.PairScorer;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AI tier end to end in the worker: the config service stores the API key as a
 * Fernet token, the pipeline run — wired as the app wires it, with the Gemini
 * resolver pointed at a real local HTTP server and the PostgreSQL answer cache — sends the ambiguous pair with the
 * decrypted key, stores the AI's decision and usage, and answers the same pair from the cache on the next run.
 */
@ExtendWith(FreshDatabaseExtension.class)
class AiTierPipelineIT {

    private static final String KEY_TEXT = "AIzaSyAiTierPipelineIT-0123456789-xyz";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MIN_SCORE = 0.36;
    private static final double MAX_SCORE = 0.74;
    private static final double INPUT_PRICE = 1.25;
    private static final double OUTPUT_PRICE = 10.0;
    private static final long PROMPT_TOKENS = 1_000;
    private static final long OUTPUT_TOKENS = 200;
    private static final long THOUGHT_TOKENS = 300;

    private final Jdbi jdbi;
    private final PersistenceModule persistence;
    private final FakeGeminiServer gemini = new FakeGeminiServer();
    @TempDir
    Path folder;

    AiTierPipelineIT(PersistenceModule persistence) {
        this.persistence = persistence;
        this.jdbi = persistence.jdbi();
    }

    @BeforeEach
    void empty_tables() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, match_decisions, canonical_events,"
                + " canonical_event_sources, pipeline_runs, ai_match_cache, ai_usage_log, config_settings,"
                + " config_history RESTART IDENTITY CASCADE"));
    }

    @AfterEach
    void stop() {
        gemini.close();
    }

    @Test
    void an_ambiguous_pair_is_resolved_by_gemini_with_the_decrypted_key_then_answered_from_the_cache()
            throws IOException {
        double score = combinedScoreOfThePair();
        ConfigService configService = new ConfigService(persistence.configRepository(),
                new FernetSecretCipher(FernetKeyRing.parse(FernetKey.generate())), null, null,
                java.time.Clock.systemUTC());
        configService.update(new UpdateConfigCommand(Map.of("ai", aiPatch(0.1)),
                new ApiKeyChange.Set(SecretString.of(KEY_TEXT)), Precondition.NONE, "test"));
        String storedKey = jdbi.withHandle(h -> h.createQuery("SELECT encrypted_api_key FROM config_settings")
                .mapTo(String.class).one());
        assertThat(storedKey).as("stored as a Fernet token").startsWith("gAAAAA").doesNotContain(KEY_TEXT);

        PipelineRun pipeline = new PipelineRun(new JdbiPipelineTransactions(jdbi), configService,
                new YamlLexiconLoader().loadFrom(dir("lexicon")),
                new GeminiPairResolver(gemini.baseUrl(), new JdbiGeminiAnswerCache(jdbi)),
                new DeadLetterDirectory(dir("dead")), RunCheckpoint.NONE, java.time.Clock.systemUTC());
        gemini.answer("same", 0.92);

        // ---- run 1: the pair goes to Gemini
        offer("stadt_01.json", "zeitung_02.json");
        RunSummary first = pipeline.runOnce().orElseThrow();

        assertThat(first.completed()).as("run 1: %s", first.error()).isTrue();
        assertThat(gemini.requests()).as("one generateContent call (score %.4f)", score).hasSize(1);
        FakeGeminiServer.Recorded request = gemini.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(request.apiKey()).as("the decrypted key in x-goog-api-key").isEqualTo(KEY_TEXT);
        assertThat(request.query()).as("the key is never in the URL").isNull();
        assertThat(request.body()).contains("Frühlingsfest im Stadtpark Emmendingen",
                "Frühjahrsmarkt mit Musik und Spielen");
        assertThat(first.count("ai_candidates")).isEqualTo(1);
        assertThat(first.count("ai_resolved")).isEqualTo(1);
        assertThat(decision()).isEqualTo("match ai");
        assertThat(memberships()).containsExactly(List.of("stadt-fest", "zeitung-fest"));
        assertThat(aiAssisted()).isTrue();
        Map<String, Object> usage = usageOf(first.runId());
        assertThat(usage).containsEntry("model", "gemini-2.5-flash").containsEntry("requests", 1)
                .containsEntry("cached_requests", 0).containsEntry("api_calls", 1)
                .containsEntry("failed_requests", 0).containsEntry("prompt_tokens", PROMPT_TOKENS)
                .containsEntry("output_tokens", OUTPUT_TOKENS).containsEntry("thought_tokens", THOUGHT_TOKENS);
        double expectedCost = PROMPT_TOKENS / 1e6 * INPUT_PRICE + (OUTPUT_TOKENS + THOUGHT_TOKENS) / 1e6 * OUTPUT_PRICE;
        assertThat(expectedCost).isEqualTo(0.00625, within(1e-12));
        assertThat((Double) usage.get("estimated_cost_usd")).as("thinking tokens billed as output")
                .isEqualTo(expectedCost, within(1e-9));
        long cacheRows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM ai_match_cache")
                .mapTo(Long.class).one());
        assertThat(cacheRows).isEqualTo(1);

        // ---- run 2: a new config version re-matches everything; the pair is still in the window -> cache
        configService.update(new UpdateConfigCommand(Map.of("ai", Map.of("temperature", 0.2)),
                new ApiKeyChange.Keep(), Precondition.NONE, "test"));
        RunSummary second = pipeline.runOnce().orElseThrow();

        assertThat(second.completed()).as("run 2: %s", second.error()).isTrue();
        assertThat(second.mode()).isEqualTo("full");
        assertThat(gemini.requests()).as("no new request: answered from the cache").hasSize(1);
        assertThat(second.count("ai_candidates")).isEqualTo(1);
        assertThat(decision()).isEqualTo("match ai_cached");
        assertThat(memberships()).containsExactly(List.of("stadt-fest", "zeitung-fest"));
        assertThat(aiAssisted()).isTrue();
        Map<String, Object> cached = usageOf(second.runId());
        assertThat(cached).containsEntry("requests", 1).containsEntry("cached_requests", 1)
                .containsEntry("api_calls", 0).containsEntry("failed_requests", 0)
                .containsEntry("prompt_tokens", 0L).containsEntry("output_tokens", 0L)
                .containsEntry("thought_tokens", 0L);
        assertThat((Double) cached.get("estimated_cost_usd")).isEqualTo(0.0);

        // ---- the key's text is stored nowhere but as the Fernet token
        List<String> warnings = jdbi.withHandle(h -> h.createQuery("SELECT warnings::text FROM pipeline_runs")
                .mapTo(String.class).list());
        assertThat(warnings).hasSize(2).noneMatch(w -> w != null && w.contains(KEY_TEXT));
        assertThat(rowsContaining(KEY_TEXT)).as("tables holding the key's text").isEmpty();
        assertThat(rowsContaining(storedKey)).as("only the config row holds the token")
                .allMatch(table -> table.equals("config_settings") || table.equals("config_history"));
    }

    // ---- the pair

    /** The engine's own score for the pair under the saved config: it must lie inside the AI window. */
    private double combinedScoreOfThePair() {
        MatchingConfig config = MatchingConfig.DEFAULT;
        ListingPreparer preparer = new ListingPreparer(Lexicon.EMPTY, config);
        PairScorer scorer = new PairScorer(config);
        PairDecision decision = scorer.score(preparer.prepare(listing("stadt_01.json")),
                preparer.prepare(listing("zeitung_02.json")));
        assertThat(decision.decision()).as("score %.4f", decision.score()).isEqualTo(Decision.AMBIGUOUS);
        assertThat(decision.score()).isBetween(MIN_SCORE, MAX_SCORE);
        return decision.score();
    }

    private static Map<String, Object> aiPatch(double temperature) {
        Map<String, Object> ai = new LinkedHashMap<>();
        ai.put("enabled", true);
        ai.put("temperature", temperature);
        ai.put("min_combined_score", MIN_SCORE);
        ai.put("max_combined_score", MAX_SCORE);
        ai.put("cache_enabled", true);
        ai.put("confidence_threshold", 0.6);
        ai.put("cost_per_1m_input_tokens", INPUT_PRICE);
        ai.put("cost_per_1m_output_tokens", OUTPUT_PRICE);
        return ai;
    }

    private static Listing listing(String name) {
        try {
            return new InputFileParser().parse(name, fixture(name), 1).listings().get(0);
        } catch (org.eventdedup.worker.input.InputFileException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers

    private Path dir(String name) throws IOException {
        return Files.createDirectories(folder.resolve(name));
    }

    private void offer(String... names) {
        IngestionQueue queue = new JdbiIngestionQueue(jdbi);
        for (String name : names) {
            queue.offer(name, InputFileParser.sourceCode(name), "test", null, fixture(name));
        }
    }

    private static byte[] fixture(String name) {
        try (InputStream in = AiTierPipelineIT.class.getResourceAsStream("/ai/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String decision() {
        return jdbi.withHandle(h -> h.createQuery("SELECT decision || ' ' || tier FROM match_decisions")
                .mapTo(String.class).one());
    }

    private boolean aiAssisted() {
        return jdbi.withHandle(h -> h.createQuery("SELECT ai_assisted FROM canonical_events")
                .mapTo(Boolean.class).one());
    }

    private List<List<String>> memberships() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT string_agg(source_event_id, ',' ORDER BY source_event_id) AS m
                          FROM canonical_event_sources GROUP BY canonical_event_id ORDER BY m""")
                .mapTo(String.class).map(m -> List.of(m.split(","))).list());
    }

    private Map<String, Object> usageOf(long runId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT model, requests, cached_requests, api_calls, failed_requests, prompt_tokens,
                               output_tokens, thought_tokens, total_tokens, estimated_cost_usd
                          FROM ai_usage_log WHERE run_id = :run""").bind("run", runId).mapToMap().one());
    }

    /** The tables (of the public schema) with a row whose text form contains {@code text}. */
    private List<String> rowsContaining(String text) {
        return jdbi.withHandle(h -> {
            List<String> tables = h.createQuery("""
                            SELECT table_name FROM information_schema.tables
                             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""")
                    .mapTo(String.class).list();
            List<String> holding = new ArrayList<>();
            for (String table : tables) {
                boolean found = h.createQuery("SELECT EXISTS (SELECT 1 FROM \"" + table + "\" t"
                                + " WHERE strpos(t::text, :text) > 0)")
                        .bind("text", text).mapTo(Boolean.class).one();
                if (found) {
                    holding.add(table);
                }
            }
            return holding;
        });
    }

    /** A real HTTP server on a loopback port standing in for Gemini; records requests, answers one script. */
    static final class FakeGeminiServer implements AutoCloseable {

        record Recorded(String method, String path, String query, String apiKey, String body) {
        }

        private final HttpServer server;
        private final List<Recorded> requests = new CopyOnWriteArrayList<>();
        private volatile String answer = "{}";

        FakeGeminiServer() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
        }

        List<Recorded> requests() {
            return List.copyOf(requests);
        }

        /** Every request gets a STOP answer with this verdict and the test's token counts. */
        void answer(String decision, double confidence) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode candidate = root.putArray("candidates").addObject();
            ObjectNode content = candidate.putObject("content");
            content.putArray("parts").addObject().put("text", "{\"decision\": \"" + decision
                    + "\", \"confidence\": " + confidence + ", \"reasoning\": \"same park, same day\"}");
            content.put("role", "model");
            candidate.put("finishReason", "STOP");
            root.putObject("usageMetadata").put("promptTokenCount", PROMPT_TOKENS)
                    .put("candidatesTokenCount", OUTPUT_TOKENS).put("thoughtsTokenCount", THOUGHT_TOKENS)
                    .put("totalTokenCount", PROMPT_TOKENS + OUTPUT_TOKENS + THOUGHT_TOKENS);
            answer = root.toString();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("x-goog-api-key"), body));
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
