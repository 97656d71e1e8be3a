package org.eventdedup.worker.adapter.gemini;

import org.eventdedup.worker.port.CachedAnswer;
import org.eventdedup.worker.port.GeminiAnswerCache;
import org.eventdedup.worker.testing.InMemoryGeminiAnswerCache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventdedup.worker.adapter.gemini.Candidates.candidate;
import static org.eventdedup.worker.adapter.gemini.Candidates.config;
import static org.eventdedup.worker.adapter.gemini.Candidates.pair;
import static org.eventdedup.worker.adapter.gemini.Candidates.pairs;
import static org.eventdedup.worker.adapter.gemini.FakeGemini.ok;
import static org.eventdedup.worker.adapter.gemini.FakeGemini.reply;
import static org.eventdedup.worker.adapter.gemini.ListingBuilder.aListing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.matching.ai.AiTier;
import org.eventdedup.matching.ai.AiTierResult;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Tier;
import org.eventdedup.matching.port.AiCandidate;
import org.eventdedup.matching.port.AiResolution;
import org.eventdedup.matching.port.AiUsage;
import org.eventdedup.matching.port.AiVerdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GeminiPairResolverTest {

    private static final String KEY_TEXT = "AIzaSyTEST-0123456789-abcdefghijklmnop";
    private static final SecretString KEY = SecretString.of(KEY_TEXT);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-14T12:00:00Z"), ZoneOffset.UTC);

    private final FakeGemini gemini = new FakeGemini();
    private final InMemoryGeminiAnswerCache cache = new InMemoryGeminiAnswerCache();
    /** The retry waits the resolver asked for; tests do not really sleep. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private GeminiPairResolver resolver = resolver(settings());

    @AfterEach
    void stopServer() {
        gemini.close();
    }

    // --- the request ------------------------------------------------------------------------------------------

    @Test
    void posts_to_generate_content_with_the_key_in_the_x_goog_api_key_header_and_never_in_the_url() {
        gemini.enqueue(ok(answer("same", 0.9)));

        resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);

        FakeGemini.Recorded request = single(gemini.requests());
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(request.query()).isNull();
        assertThat(request.header("x-goog-api-key")).isEqualTo(KEY_TEXT);
        assertThat(request.header("Content-Type")).startsWith("application/json");
        assertThat(request.body()).doesNotContain(KEY_TEXT);
    }

    @Test
    void the_body_carries_the_generation_config_the_enum_schema_and_the_thinking_budget() {
        gemini.enqueue(ok(answer("same", 0.9)));
        AiConfig config = Candidates.withGeneration(config(), 0.25, 1024, 128);
        AiCandidate candidate = pair("a1", "b1");

        resolver.resolveWithUsage(List.of(candidate), config, KEY);

        JsonNode body = json(single(gemini.requests()).body());
        assertThat(body.at("/systemInstruction/parts/0/text").asText()).contains("Fasnet", "artikel", "terminliste",
                "same venue on the same day", "JSON");
        assertThat(body.path("contents")).hasSize(1);
        assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/contents/0/parts/0/text").asText()).isEqualTo(GeminiPrompt.userMessage(candidate));
        JsonNode generation = body.path("generationConfig");
        assertThat(generation.path("temperature").asDouble()).isEqualTo(0.25);
        assertThat(generation.path("maxOutputTokens").asInt()).isEqualTo(1024);
        assertThat(generation.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(generation.at("/thinkingConfig/thinkingBudget").asInt()).isEqualTo(128);
        assertThat(generation.has("responseJsonSchema")).as("only one schema dialect").isFalse();
        JsonNode schema = generation.path("responseSchema");
        assertThat(schema.path("type").asText()).isEqualTo("OBJECT");
        assertThat(schema.at("/properties/decision/type").asText()).isEqualTo("STRING");
        assertThat(texts(schema.at("/properties/decision/enum"))).containsExactly("same", "different");
        assertThat(schema.at("/properties/confidence/type").asText()).isEqualTo("NUMBER");
        assertThat(schema.at("/properties/confidence/minimum").asDouble()).isEqualTo(0.0);
        assertThat(schema.at("/properties/confidence/maximum").asDouble()).isEqualTo(1.0);
        assertThat(schema.at("/properties/reasoning/type").asText()).isEqualTo("STRING");
        assertThat(texts(schema.path("required"))).containsExactly("decision", "confidence", "reasoning");
        assertThat(texts(schema.path("propertyOrdering"))).containsExactly("decision", "confidence", "reasoning");
    }

    @Test
    void the_default_thinking_budget_zero_is_sent_explicitly() { // Part A: thinking ate the output budget
        gemini.enqueue(ok(answer("same", 0.9)));

        resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);

        JsonNode generation = json(single(gemini.requests()).body()).path("generationConfig");
        assertThat(generation.at("/thinkingConfig/thinkingBudget").isInt()).isTrue();
        assertThat(generation.at("/thinkingConfig/thinkingBudget").asInt()).isZero();
        assertThat(generation.path("temperature").asDouble()).isEqualTo(0.1);
        assertThat(generation.path("maxOutputTokens").asInt()).isEqualTo(2048);
    }

    @Test
    void the_prompt_shows_the_weighted_score_omits_missing_fields_and_cuts_long_texts() {
        gemini.enqueue(ok(answer("same", 0.9)));
        Listing sparse = aListing("art-1").withSource("bz", "artikel").withDescription(null)
                .withLocation(null, "Offenburg").withCategories().build();
        String longText = "x".repeat(800);
        List<org.eventdedup.matching.model.EventDate> sevenDays = new ArrayList<>();
        for (int day = 1; day <= 7; day++) {
            sevenDays.add(new org.eventdedup.matching.model.EventDate(java.time.LocalDate.of(2026, 3, day), null,
                    null, null));
        }
        Listing rich = aListing("ter-1").withDescription(longText)
                .withDates(sevenDays.toArray(org.eventdedup.matching.model.EventDate[]::new)).build();

        resolver.resolveWithUsage(List.of(candidate(sparse, rich)), config(), KEY);

        String prompt = json(single(gemini.requests()).body()).at("/contents/0/parts/0/text").asText();
        assertThat(prompt).contains("Combined score (weighted, as used for the decision): 0.78")
                .doesNotContain("0.81") // the plain mean of the four signals, which the earlier service showed
                .doesNotContain("None").doesNotContain("null").doesNotContain("N/A")
                .contains("Location: Offenburg\n")
                .contains("x".repeat(497) + "...").doesNotContain("x".repeat(498))
                .contains("2026-03-05").doesNotContain("2026-03-06");
    }

    // --- reading answers, usage and cost ----------------------------------------------------------------------

    @Test
    void the_answer_is_read_from_the_parts_that_are_not_thoughts() {
        gemini.enqueue(ok(resource("answer-with-thoughts.json")));

        AiResolution resolution = resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);

        assertThat(resolution.verdicts()).containsExactly(new AiVerdict("a1", "b1", "same", 0.92, false));
        assertThat(resolution.warnings()).isEmpty();
    }

    @Test
    void usage_counts_prompt_output_and_thought_tokens_and_prices_thoughts_as_output() {
        gemini.respondWith(r -> ok(resource("answer-with-thoughts.json")));

        AiUsage one = resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY).usage();
        AiUsage two = resolver.resolveWithUsage(List.of(pair("a2", "b2"), pair("a3", "b3")), config(), KEY)
                .usage();

        // 800/1e6 × 0.30 + (100 + 50)/1e6 × 2.50 = 0.00024 + 0.000375
        assertThat(one).isEqualTo(new AiUsage(1, 0, 1, 0, 800, 100, 50, 0.000615));
        assertThat(two).isEqualTo(new AiUsage(2, 0, 2, 0, 1600, 200, 100, 0.00123));
    }

    @Test
    void missing_usage_metadata_counts_as_zero_tokens() {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("candidates").addObject().putObject("content").putArray("parts").addObject()
                .put("text", "{\"decision\": \"different\", \"confidence\": 0.8, \"reasoning\": \"r\"}");
        gemini.enqueue(ok(root.toString()));

        AiResolution resolution = resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);

        assertThat(resolution.verdicts()).containsExactly(new AiVerdict("a1", "b1", "different", 0.8));
        assertThat(resolution.usage()).isEqualTo(new AiUsage(1, 0, 1, 0, 0, 0, 0, 0.0));
    }

    static Stream<Arguments> unusableAnswers() {
        return Stream.of(
                Arguments.of("MAX_TOKENS without content", resource("max-tokens-no-content.json"),
                        "finishReason MAX_TOKENS"),
                Arguments.of("finishReason SAFETY", resource("finish-safety.json"), "finishReason SAFETY"),
                Arguments.of("blocked prompt", resource("prompt-blocked.json"), "blockReason PROHIBITED_CONTENT"),
                Arguments.of("no candidates", "{\"candidates\": []}", "no candidates"),
                Arguments.of("malformed JSON answer", answerText("{\"decision\": \"same\", \"confidence\": 0.9"),
                        "not valid JSON"),
                Arguments.of("confidence 1.7", answer("same", 1.7), "confidence 1.7 is outside [0, 1]"),
                Arguments.of("confidence -0.1", answer("different", -0.1), "outside [0, 1]"),
                Arguments.of("confidence as text", answerText("{\"decision\": \"same\", \"confidence\": \"high\"}"),
                        "no numeric confidence"),
                Arguments.of("no decision", answerText("{\"confidence\": 0.9, \"reasoning\": \"r\"}"),
                        "no decision"),
                Arguments.of("answer is an array", answerText("[\"same\", 0.9]"), "not a JSON object"),
                Arguments.of("empty text", answerText("  "), "answer is empty"),
                Arguments.of("only thoughts", "{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"hm\", "
                        + "\"thought\": true}]}, \"finishReason\": \"STOP\"}]}", "answer is empty"),
                Arguments.of("body is not JSON", "<html>oops</html>", "response is not JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableAnswers")
    void an_unusable_answer_fails_only_that_pair_with_a_warning_and_is_not_retried(String name, String body,
                                                                                  String reason) {
        gemini.respondWith(r -> r.body().contains("bad-a") ? ok(body) : ok(answer("same", 0.9)));

        AiResolution resolution = resolver.resolveWithUsage(List.of(pair("bad-a", "bad-b"), pair("ok-a", "ok-b")),
                config(), KEY);

        assertThat(resolution.verdicts()).extracting(AiVerdict::a).containsExactly("ok-a");
        assertThat(resolution.warnings()).singleElement().asString()
                .startsWith("AI pair (bad-a, bad-b) failed: ").contains(reason);
        assertThat(gemini.requests()).hasSize(2);
        assertThat(waits).isEmpty();
        assertThat(resolution.usage().failedRequests()).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void the_tokens_of_an_answer_cut_off_by_thinking_are_still_counted() {
        gemini.enqueue(ok(resource("max-tokens-no-content.json")));

        AiUsage usage = resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY).usage();

        // 950/1e6 × 0.30 + 2048/1e6 × 2.50 = 0.000285 + 0.00512
        assertThat(usage).isEqualTo(new AiUsage(1, 0, 1, 1, 950, 0, 2048, 0.005405));
    }

    @Test
    void an_unexpected_decision_is_passed_on_for_the_engine_to_judge_but_not_cached() {
        gemini.enqueue(ok(answer("maybe", 0.9)));

        AiResolution resolution = resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);

        assertThat(resolution.verdicts()).containsExactly(new AiVerdict("a1", "b1", "maybe", 0.9));
        assertThat(cache.size()).isZero();
    }

    // --- retries ----------------------------------------------------------------------------------------------

    @Test
    void a_429_with_retry_after_is_retried_after_the_time_the_server_asked_for() {
        gemini.enqueue(reply(429, errorBody(429, "RESOURCE_EXHAUSTED", "Slow down")).withHeader("Retry-After", "7"),
                ok(answer("same", 0.9)));

        AiResolution resolution = resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);

        assertThat(resolution.verdicts()).containsExactly(new AiVerdict("a1", "b1", "same", 0.9));
        assertThat(resolution.warnings()).isEmpty();
        assertThat(gemini.requests()).hasSize(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(resolution.usage().apiCalls()).isEqualTo(2);
        assertThat(resolution.usage().failedRequests()).isZero();
    }

    @Test
    void retry_after_as_an_http_date_and_a_retry_info_delay_are_honoured() {
        gemini.enqueue(
                reply(503, resource("error-503.json")).withHeader("Retry-After", "Sat, 14 Feb 2026 12:00:12 GMT"),
                reply(429, resource("error-429-retry-info.json")),
                ok(answer("different", 0.8)));

        AiResolution resolution = resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);

        assertThat(resolution.verdicts()).hasSize(1);
        assertThat(waits).containsExactly(Duration.ofSeconds(12), Duration.ofSeconds(22));
    }

    @Test
    void a_server_hint_longer_than_the_cap_waits_only_the_cap() {
        resolver = resolver(settings().withRetries(3, Duration.ofSeconds(1), Duration.ofSeconds(5)));
        gemini.enqueue(reply(429, errorBody(429, "RESOURCE_EXHAUSTED", "later")).withHeader("Retry-After", "3600"),
                ok(answer("same", 0.9)));

        resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);

        assertThat(waits).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void a_503_four_times_fails_the_pair_after_three_retries_with_backoff() {
        gemini.respondWith(r -> reply(503, resource("error-503.json")));

        AiResolution resolution = resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);

        assertThat(resolution.verdicts()).isEmpty();
        assertThat(gemini.requests()).hasSize(4);
        assertThat(resolution.warnings()).singleElement().asString().isEqualTo("AI pair (a1, b1) failed: HTTP 503 "
                + "UNAVAILABLE: The model is overloaded. Please try again later. (gave up after 4 attempts)");
        // full jitter with the random source fixed at 0.5: half of 1 s, 2 s, 4 s
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000));
        assertThat(resolution.usage()).isEqualTo(new AiUsage(1, 0, 4, 1, 0, 0, 0, 0.0));
    }

    @ParameterizedTest(name = "HTTP {0}: {1} calls")
    @CsvSource({"408, 2", "429, 2", "500, 2", "502, 2", "503, 2", "504, 2", "400, 1", "403, 1", "404, 1",
            "409, 1", "413, 1"})
    void only_408_429_and_5xx_are_retried(int status, int expectedCalls) {
        gemini.enqueue(reply(status, errorBody(status, "SOME_STATUS", "scripted failure")), ok(answer("same", 0.9)));

        AiResolution resolution = resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);

        assertThat(gemini.requests()).hasSize(expectedCalls);
        if (expectedCalls == 2) {
            assertThat(resolution.verdicts()).hasSize(1);
        } else {
            assertThat(resolution.verdicts()).isEmpty();
            assertThat(resolution.warnings()).singleElement().asString()
                    .contains("(a1, b1)", "HTTP " + status + " SOME_STATUS: scripted failure");
        }
    }

    @Test
    void a_rejected_key_fails_at_once_and_the_other_pairs_are_not_sent() {
        gemini.respondWith(r -> reply(400, resource("error-400-api-key-invalid.json")));

        AiResolution resolution = resolver.resolveWithUsage(pairs(3), Candidates.config(1, true), KEY);

        assertThat(gemini.requests()).hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(resolution.verdicts()).isEmpty();
        assertThat(resolution.warnings()).hasSize(3);
        assertThat(resolution.warnings().get(0)).isEqualTo("AI pair (p000-a, p000-b) failed: HTTP 400 "
                + "INVALID_ARGUMENT (API_KEY_INVALID): API key not valid. Please pass a valid API key.");
        assertThat(resolution.warnings().get(1)).startsWith("AI pair (p001-a, p001-b) failed: not sent")
                .contains("API_KEY_INVALID");
        assertThat(resolution.usage()).isEqualTo(new AiUsage(3, 0, 1, 3, 0, 0, 0, 0.0));
    }

    @Test
    void a_used_up_daily_quota_is_not_retried() {
        gemini.respondWith(r -> reply(429, resource("error-429-per-day.json")));

        AiResolution resolution = resolver.resolveWithUsage(pairs(2), Candidates.config(1, true), KEY);

        assertThat(gemini.requests()).hasSize(1);
        assertThat(waits).isEmpty();
        assertThat(resolution.warnings()).hasSize(2).first().asString().contains("HTTP 429 RESOURCE_EXHAUSTED");
    }

    @Test
    void a_request_timeout_is_retried_and_then_fails_the_pair() {
        resolver = resolver(settings().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))
                .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10)));
        gemini.respondWith(r -> ok(answer("same", 0.9)).after(Duration.ofMillis(2000)));

        AiResolution resolution = resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);

        assertThat(gemini.requests()).hasSize(2);
        assertThat(resolution.verdicts()).isEmpty();
        assertThat(resolution.warnings()).singleElement().asString()
                .isEqualTo("AI pair (a1, b1) failed: no answer from " + gemini.baseUrl().substring("http://".length())
                        + " within 300 ms (gave up after 2 attempts)");
    }

    @Test
    void a_network_error_is_retried_and_then_reported_in_words() {
        int port = closedPort();
        resolver = resolver(GeminiSettings.forBaseUrl("http://127.0.0.1:" + port)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));

        AiResolution resolution = resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);

        assertThat(resolution.verdicts()).isEmpty();
        assertThat(waits).hasSize(3);
        assertThat(resolution.warnings()).singleElement().asString()
                .isEqualTo("AI pair (a1, b1) failed: connection refused by 127.0.0.1:" + port
                        + " (gave up after 4 attempts)");
        assertThat(resolution.usage().apiCalls()).isEqualTo(4);
    }

    @Test
    void an_unreachable_provider_trips_the_breaker_leaves_every_pair_ambiguous_and_says_so_once() {
        int port = closedPort();
        resolver = resolver(GeminiSettings.forBaseUrl("http://127.0.0.1:" + port)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));

        AiResolution resolution = resolver.resolveWithUsage(pairs(260), config(), KEY);

        assertThat(resolution.verdicts()).isEmpty();
        // a pair that used up its own 4 attempts before the breaker opened (calls run in parallel) is counted by the
        // breaker too: one line in all
        assertThat(resolution.warnings()).containsExactly("AI provider unreachable (connection refused by"
                + " 127.0.0.1:" + port + "): stopped calling after " + ConnectionBreaker.THRESHOLD
                + " connection failures in a row; 260 pairs left ambiguous");
        assertThat(resolution.usage().apiCalls()).as("a handful of calls, not 4 per pair")
                .isBetween(ConnectionBreaker.THRESHOLD, ConnectionBreaker.THRESHOLD + 5);
        assertThat(resolution.usage().failedRequests()).isEqualTo(260);
    }

    @Test
    void a_run_scoped_resolver_keeps_its_breaker_open_across_calls_and_reports_once_at_the_end() {
        int port = closedPort();
        GeminiPairResolver shared = resolver(GeminiSettings.forBaseUrl("http://127.0.0.1:" + port)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        var run = shared.forOneRun();

        AiResolution first = run.resolveWithUsage(pairs(20), config(), KEY);
        AiResolution second = run.resolveWithUsage(pairs(30), config(), KEY);

        assertThat(first.warnings()).as("no line per pair").isEmpty();
        assertThat(second.warnings()).isEmpty();
        assertThat(second.usage().apiCalls()).as("the breaker stays open for the run").isZero();
        assertThat(run.runWarnings()).singleElement().asString().endsWith("; 50 pairs left ambiguous");
        assertThat(shared.forOneRun().runWarnings()).as("the next run starts closed").isEmpty();
    }

    // --- concurrency ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "max {0} in flight")
    @CsvSource({"1", "3"})
    void no_more_than_max_concurrent_requests_are_in_flight(int maxConcurrent) {
        gemini.respondWith(r -> ok(answer("same", 0.9)).after(Duration.ofMillis(120)));

        AiResolution resolution = resolver.resolveWithUsage(pairs(9), Candidates.config(maxConcurrent, false),
                KEY);

        assertThat(resolution.verdicts()).hasSize(9);
        assertThat(gemini.requests()).hasSize(9);
        assertThat(gemini.maxInFlight()).isLessThanOrEqualTo(maxConcurrent);
        if (maxConcurrent > 1) {
            assertThat(gemini.maxInFlight()).as("pairs run in parallel").isGreaterThan(1);
        }
    }

    @Test
    void verdicts_come_back_in_candidate_order_whatever_order_the_answers_arrive_in() {
        gemini.respondWith(r -> ok(answer("same", 0.9)).after(Duration.ofMillis(r.body().contains("p000") ? 200 : 0)));

        AiResolution resolution = resolver.resolveWithUsage(pairs(4), Candidates.config(4, false), KEY);

        assertThat(resolution.verdicts()).extracting(AiVerdict::a)
                .containsExactly("p000-a", "p001-a", "p002-a", "p003-a");
    }

    // --- the answer cache -------------------------------------------------------------------------------------

    @Test
    void a_cached_answer_is_used_without_a_call_and_costs_nothing() {
        gemini.enqueue(ok(resource("answer-with-thoughts.json")));
        AiCandidate candidate = pair("a1", "b1");

        AiResolution first = resolver.resolveWithUsage(List.of(candidate), config(), KEY);
        AiResolution second = resolver.resolveWithUsage(List.of(candidate), config(), KEY);

        assertThat(gemini.requests()).hasSize(1);
        assertThat(first.verdicts()).containsExactly(new AiVerdict("a1", "b1", "same", 0.92, false));
        assertThat(second.verdicts()).containsExactly(new AiVerdict("a1", "b1", "same", 0.92, true));
        assertThat(second.usage()).isEqualTo(new AiUsage(1, 1, 0, 0, 0, 0, 0, 0.0));
        assertThat(cache.get(PairHash.of(candidate.a(), candidate.b()), "gemini-2.5-flash")).get()
                .extracting(CachedAnswer::reasoning, CachedAnswer::eventIdA, CachedAnswer::eventIdB)
                .containsExactly("Same parade, date and town.", "a1", "b1");
    }

    @Test
    void the_cache_is_keyed_by_content_so_the_same_content_under_new_ids_hits() {
        gemini.enqueue(ok(answer("different", 0.75)));
        resolver.resolveWithUsage(List.of(pair("a1", "b1")), config(), KEY);
        // B §7.5 orders the two objects by id, so the renamed pair keeps the ids' relative order
        AiCandidate renamed = candidate(aListing("k9").withTitle("Title of a1").build(),
                aListing("m9").withTitle("Title of b1").build());

        AiResolution resolution = resolver.resolveWithUsage(List.of(renamed), config(), KEY);

        assertThat(gemini.requests()).hasSize(1);
        assertThat(resolution.verdicts()).containsExactly(new AiVerdict("k9", "m9", "different", 0.75, true));
    }

    @Test
    void an_answer_of_another_model_is_a_miss_and_the_new_answer_is_stored_beside_it() { // Part A 10, B §14 A6
        AiCandidate candidate = pair("a1", "b1");
        String hash = PairHash.of(candidate.a(), candidate.b());
        cache.put(new CachedAnswer(hash, "gemini-1.5-flash", "a1", "b1", "different", 0.99, "old"));
        gemini.enqueue(ok(answer("same", 0.8)));

        AiResolution resolution = resolver.resolveWithUsage(List.of(candidate), config(), KEY);

        assertThat(gemini.requests()).hasSize(1);
        assertThat(resolution.verdicts()).containsExactly(new AiVerdict("a1", "b1", "same", 0.8));
        assertThat(cache.get(hash, "gemini-2.5-flash")).map(CachedAnswer::decision).contains("same");
        // keyed by content and model, as ai_match_cache is (GeminiAnswerCacheContract): the old model keeps its own
        assertThat(cache.get(hash, "gemini-1.5-flash")).map(CachedAnswer::reasoning).contains("old");
    }

    @Test
    void low_confidence_answers_are_cached_raw_so_a_new_threshold_needs_no_call() {
        gemini.enqueue(ok(answer("same", 0.3)));
        AiCandidate candidate = pair("a1", "b1");

        resolver.resolveWithUsage(List.of(candidate), config(), KEY);

        assertThat(cache.get(PairHash.of(candidate.a(), candidate.b()), "gemini-2.5-flash"))
                .map(CachedAnswer::confidence).contains(0.3);
    }

    @Test
    void with_the_cache_off_every_pair_is_asked_and_nothing_is_stored() {
        AiCandidate candidate = pair("a1", "b1");
        cache.put(new CachedAnswer(PairHash.of(candidate.a(), candidate.b()), "gemini-2.5-flash", "a1", "b1",
                "different", 0.99, "cached"));
        gemini.respondWith(r -> ok(answer("same", 0.9)));

        AiResolution resolution = resolver.resolveWithUsage(List.of(candidate, pair("a2", "b2")),
                Candidates.config(5, false), KEY);

        assertThat(gemini.requests()).hasSize(2);
        assertThat(resolution.verdicts()).extracting(AiVerdict::decision).containsExactly("same", "same");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void a_failing_cache_is_a_miss_and_one_warning() {
        GeminiAnswerCache broken = new GeminiAnswerCache() {
            @Override
            public Optional<CachedAnswer> get(String pairHash, String model) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public void put(CachedAnswer answer) {
                throw new IllegalStateException("connection refused");
            }
        };
        resolver = new GeminiPairResolver(settings(), broken, waits::add, () -> 0.5, CLOCK);
        gemini.respondWith(r -> ok(answer("same", 0.9)));

        AiResolution resolution = resolver.resolveWithUsage(pairs(3), config(), KEY);

        assertThat(resolution.verdicts()).hasSize(3);
        assertThat(resolution.warnings()).singleElement().asString()
                .startsWith("AI answer cache ").contains("IllegalStateException: connection refused");
    }

    // --- with the engine's AI tier ----------------------------------------------------------------------------

    @Test
    void through_the_ai_tier_answers_pass_the_confidence_gate_and_the_second_run_comes_from_the_cache() {
        Map<String, Listing> listings = new HashMap<>();
        List<PairDecision> decisions = new ArrayList<>();
        for (AiCandidate c : List.of(pair("c1-a", "c1-b"), pair("c2-a", "c2-b"), pair("c3-a", "c3-b"))) {
            listings.put(c.a().id(), c.a());
            listings.put(c.b().id(), c.b());
            decisions.add(c.decision());
        }
        gemini.respondWith(r -> r.body().contains("c1-a") ? ok(answer("same", 0.9))
                : r.body().contains("c2-a") ? ok(answer("same", 0.4)) : reply(400, resource("error-503.json")));
        AiTier tier = new AiTier(resolver);

        AiTierResult first = tier.apply(decisions, listings, config(), KEY);
        AiTierResult second = tier.apply(decisions, listings, config(), KEY);

        assertThat(first.decisions()).extracting(d -> d.decision() + "/" + d.tier())
                .containsExactly("MATCH/AI", "AMBIGUOUS/AI_LOW_CONFIDENCE", "AMBIGUOUS/DETERMINISTIC");
        assertThat(first.warnings()).singleElement().asString().contains("(c3-a, c3-b)", "HTTP 400");
        assertThat(first.usage().apiCalls()).isEqualTo(3);
        // the second run answers from the cache: same outcomes, the confident one now tier ai_cached
        assertThat(second.decisions()).extracting(d -> d.decision() + "/" + d.tier())
                .containsExactly("MATCH/AI_CACHED", "AMBIGUOUS/AI_LOW_CONFIDENCE", "AMBIGUOUS/DETERMINISTIC");
        assertThat(second.usage()).isEqualTo(new AiUsage(3, 2, 1, 1, 0, 0, 0, 0.0));
        assertThat(gemini.requests()).hasSize(4);
        assertThat(first.decisions().get(0).decision()).isEqualTo(Decision.MATCH);
        assertThat(first.decisions().get(1).tier()).isEqualTo(Tier.AI_LOW_CONFIDENCE);
    }

    // --- the key stays secret ---------------------------------------------------------------------------------

    @Test
    void the_api_key_never_appears_in_warnings_log_lines_or_to_string() {
        List<String> texts = new ArrayList<>();
        try (CapturedLogs logs = new CapturedLogs()) {
            // the provider echoes the key in one message; retries and debug logging run too
            gemini.respondWith(r -> r.body().contains("p000") ? reply(400, errorBody(400, "INVALID_ARGUMENT",
                            "Invalid value for key " + KEY_TEXT))
                    : r.body().contains("p001") ? reply(503, resource("error-503.json"))
                    : ok(answer("same", 0.9)));
            AiResolution resolution = resolver.resolveWithUsage(pairs(3), config(), KEY);
            GeminiPairResolver offline = resolver(GeminiSettings.forBaseUrl("http://127.0.0.1:" + closedPort()));
            AiResolution unreachable = offline.resolveWithUsage(pairs(1), config(), KEY);
            AiResolution noModel = resolver.resolveWithUsage(pairs(1), Candidates.withModel(config(), KEY_TEXT + "/x"),
                    KEY);

            texts.addAll(resolution.warnings());
            texts.addAll(unreachable.warnings());
            texts.addAll(noModel.warnings());
            texts.addAll(logs.lines());
            texts.add(resolution.toString());
            texts.add(resolver.toString());
            texts.add(offline.toString());
            texts.add(KEY.toString());
            assertThat(resolution.warnings()).anySatisfy(w -> assertThat(w).contains("[redacted]"));
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN AI pair (p001-a, p001-b)"));
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("DEBUG Gemini call"));
        }
        assertThat(gemini.requests()).extracting(r -> r.header("x-goog-api-key")).contains(KEY_TEXT);
        assertThat(texts).isNotEmpty().noneMatch(t -> t.contains(KEY_TEXT));
    }

    @Test
    void a_base_url_holding_a_key_is_refused_without_echoing_it() {
        assertThatThrownBy(() -> GeminiSettings.forBaseUrl("https://example.org/?key=" + KEY_TEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(KEY_TEXT);
        assertThatThrownBy(() -> GeminiSettings.forBaseUrl("https://user:" + KEY_TEXT + "@example.org"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(KEY_TEXT);
        assertThatThrownBy(() -> GeminiSettings.forBaseUrl("https://exa mple.org/" + KEY_TEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(KEY_TEXT);
    }

    // --- nothing to send --------------------------------------------------------------------------------------

    @Test
    void without_a_key_or_with_an_unusable_model_nothing_is_sent_and_every_pair_gets_a_warning() {
        AiResolution noKey = resolver.resolveWithUsage(pairs(2), config(), null);
        AiResolution badModel = resolver.resolveWithUsage(pairs(1), Candidates.withModel(config(), "../admin"), KEY);
        AiResolution badKey = resolver.resolveWithUsage(pairs(1), config(), SecretString.of("line\nbreak"));

        assertThat(gemini.requests()).isEmpty();
        assertThat(noKey.warnings()).containsExactly(
                "AI pair (p000-a, p000-b) failed: no Gemini API key is configured",
                "AI pair (p001-a, p001-b) failed: no Gemini API key is configured");
        assertThat(noKey.usage()).isEqualTo(new AiUsage(2, 0, 0, 2, 0, 0, 0, 0.0));
        assertThat(badModel.warnings()).singleElement().asString().contains("not a Gemini model id");
        assertThat(badKey.warnings()).singleElement().asString().contains("cannot be sent in an HTTP header");
    }

    @Test
    void no_candidates_means_no_call() {
        AiResolution resolution = resolver.resolveWithUsage(List.of(), config(), KEY);

        assertThat(resolution.verdicts()).isEmpty();
        assertThat(resolution.usage()).isEqualTo(AiUsage.NONE);
        assertThat(gemini.requests()).isEmpty();
    }

    @Test
    void a_base_url_path_prefix_and_a_models_prefix_in_the_model_name_are_handled() {
        resolver = resolver(GeminiSettings.forBaseUrl(gemini.baseUrl() + "/proxy/gemini/"));
        gemini.enqueue(ok(answer("same", 0.9)));

        AiResolution resolution = resolver.resolveWithUsage(List.of(pair("a1", "b1")),
                Candidates.withModel(config(), "models/gemini-2.5-flash-lite"), KEY);

        assertThat(single(gemini.requests()).path())
                .isEqualTo("/proxy/gemini/v1beta/models/gemini-2.5-flash-lite:generateContent");
        assertThat(resolution.verdicts()).hasSize(1);
    }

    @Test
    void resolve_returns_the_verdicts_of_resolve_with_usage() {
        gemini.enqueue(ok(answer("different", 0.7)));

        List<AiVerdict> verdicts = resolver.resolve(List.of(pair("a1", "b1")), config(), KEY);

        assertThat(verdicts).containsExactly(new AiVerdict("a1", "b1", "different", 0.7));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private GeminiSettings settings() {
        return GeminiSettings.forBaseUrl(gemini.baseUrl()).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private GeminiPairResolver resolver(GeminiSettings settings) {
        return new GeminiPairResolver(settings, cache, waits::add, () -> 0.5, CLOCK);
    }

    /** A STOP answer with usage 800 / 100 tokens. */
    static String answer(String decision, double confidence) {
        return answerText("{\"decision\": \"" + decision + "\", \"confidence\": " + confidence
                + ", \"reasoning\": \"scripted\"}");
    }

    static String answerText(String text) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        candidate.put("finishReason", "STOP");
        root.putObject("usageMetadata").put("promptTokenCount", 800).put("candidatesTokenCount", 100)
                .put("totalTokenCount", 900);
        return root.toString();
    }

    static String errorBody(int code, String status, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("code", code).put("message", message).put("status", status);
        return root.toString();
    }

    static String resource(String name) {
        try (InputStream in = GeminiPairResolverTest.class.getResourceAsStream("/gemini/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource gemini/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
