package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.config.adapter.secret.FernetKeyRing;
import org.eventdedup.config.adapter.secret.FernetSecretCipher;
import org.eventdedup.config.domain.port.out.SecretDecryptionException;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Secrets never leak: a whole session of the application at DEBUG — set the Gemini key (PATCH, then
 * replaced with PUT), use it (uploads → a pipeline run whose AI tier calls a fake Gemini, a real HTTP server on a
 * random port), read config, defaults, history and runs, provoke error answers around the key, stop, rotate the
 * encryption key with the {@code rotate-key} command, start again on the new key and use the key once more. Every
 * log line, every response header and body and the command's output are captured; the key's text appears in none of
 * them, neither reversed, nor base64-encoded (at every byte alignment), nor hex-encoded. The stored column holds only
 * Fernet tokens, which decrypt with the key ring in force (and the rotated one no longer with the old key).
 */
@ExtendWith(FreshDatabaseExtension.class)
class SecretsNeverLeakIT {

    private static final String FIRST_KEY = "AIzaSyFirst-SecretsNeverLeakIT-0123456";
    private static final String KEY = "AIzaSySecond-SecretsNeverLeakIT-98765x";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final StringBuilder responses = new StringBuilder();
    private final List<String> storedTokens = new ArrayList<>();
    private final FakeGemini gemini = new FakeGemini();

    @TempDir
    Path eventData;
    @TempDir
    Path deadLetters;

    @AfterEach
    void restore_logging() {
        gemini.close();
        Logging.configure(AppSettings.LogLevel.WARN, false);
    }

    @Test
    void the_api_key_appears_in_no_log_line_response_or_command_output_and_is_stored_only_as_fernet_tokens(
            DatabaseSettings database, Jdbi jdbi) throws Exception {
        captureAllLogs();
        String oldRing = FernetKey.generate();
        String newRing = FernetKey.generate();

        // ---- session 1: set, replace, use, read, provoke errors
        try (RunningApp app = start(database, oldRing)) {
            expect(app, "PATCH", "/api/config", "{\"ai_api_key\": \"" + FIRST_KEY + "\"}", 200);
            storedTokens.add(storedToken(jdbi));
            expect(app, "PUT", "/api/config/ai-key", "{\"api_key\": \"" + KEY + "\"}", 204);
            storedTokens.add(storedToken(jdbi));
            expect(app, "PATCH", "/api/config", "{\"thresholds\": {\"high\": 0.75, \"low\": 0.35}, \"ai\": {"
                    + "\"enabled\": true, \"min_combined_score\": 0.36, \"max_combined_score\": 0.74,"
                    + " \"cache_enabled\": false}}", 200);
            // error answers around the key: none may echo it
            expect(app, "PATCH", "/api/config", "{\"ai_api_key\": \"" + KEY + "\", \"thresholds\": {\"high\": 7}}",
                    422);
            expect(app, "PUT", "/api/config/ai-key", "{\"api_key\": \"" + KEY + "\", \"note\": \"" + KEY + "\"}",
                    422);
            expect(app, "PUT", "/api/config/ai-key", "{\"api_key\": \"" + KEY + "\"}", 412, "If-Match", "\"999\"");
            expect(app, "PATCH", "/api/config", "{\"ai\": {\"api_key\": \"" + KEY + "\"}}", 422);
            expect(app, "PATCH", "/api/config", "{\"ai_api_key\": \"" + KEY + "\" " + KEY + "}", 400);

            upload(app, "stadt_01.json");
            upload(app, "zeitung_02.json");
            awaitGeminiCalls(1);
            JsonNode run = awaitCompletedRunWithAi(app);
            readEverything(app, run.path("id").asLong());
        }
        assertThat(gemini.keys()).as("the decrypted key reached Gemini in x-goog-api-key").contains(KEY)
                .doesNotContain(FIRST_KEY);
        assertThat(gemini.queries()).as("never in the URL").noneMatch(q -> q.contains(KEY));
        String beforeRotation = storedToken(jdbi);
        assertThat(decrypt(beforeRotation, oldRing)).isEqualTo(KEY);

        // ---- rotate the encryption key with the command, as an operator would
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(RunningApp.environment(Map.of()));
        env.put(AppSettings.DATABASE_URL, database.jdbcUrl());
        if (database.user() != null) {
            env.put(AppSettings.DATABASE_USER, database.user());
        }
        if (database.password() != null) {
            env.put(AppSettings.DATABASE_PASSWORD, database.password());
        }
        env.put(AppSettings.ENCRYPTION_KEY, newRing + "," + oldRing);
        env.put(AppSettings.LOG_LEVEL, "DEBUG");
        // the command configures logging itself: a console appender on System.err, captured here
        PrintStream console = System.err;
        System.setErr(new PrintStream(logSink(), true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new Main(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run("rotate-key");
        } finally {
            System.setErr(console);
        }
        captureAllLogs();
        assertThat(logs.toString(StandardCharsets.UTF_8)).as("the command's DEBUG lines")
                .contains("HikariPool");
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Re-encrypted");
        String rotated = storedToken(jdbi);
        storedTokens.add(rotated);

        // ---- session 2: the new key only; a config change re-matches and asks Gemini again with the key
        int callsBefore = gemini.keys().size();
        try (RunningApp app = start(database, newRing)) {
            JsonNode config = JSON.readTree(expect(app, "GET", "/api/config", null, 200));
            assertThat(config.path("has_api_key").asBoolean()).isTrue();
            expect(app, "PATCH", "/api/config", "{\"ai\": {\"temperature\": 0.2}}", 200);
            awaitGeminiCalls(callsBefore + 1);
            readEverything(app, awaitCompletedRunWithAi(app).path("id").asLong());
        }
        assertThat(gemini.keys().subList(callsBefore, gemini.keys().size())).containsOnly(KEY);

        // ---- nothing anywhere
        String everything = logs.toString(StandardCharsets.UTF_8) + "\n" + responses + "\n"
                + out.toString(StandardCharsets.UTF_8) + "\n" + err.toString(StandardCharsets.UTF_8);
        assertThat(logs.size()).as("logs were captured").isPositive();
        assertThat(logs.toString(StandardCharsets.UTF_8)).as("the application's own lines").contains("HTTP API listening");
        for (String secret : List.of(KEY, FIRST_KEY)) {
            for (String form : forms(secret)) {
                assertThat(everything).as("a form of the key: %s", form).doesNotContain(form);
            }
        }
        // ---- the stored column: Fernet tokens only, decrypting with the ring in force
        assertThat(storedTokens).allSatisfy(token -> assertThat(token).matches("gAAAAA[A-Za-z0-9_-]+=*"));
        assertThat(storedTokens).doesNotHaveDuplicates();
        assertThat(decrypt(storedTokens.get(0), oldRing)).isEqualTo(FIRST_KEY);
        assertThat(decrypt(storedTokens.get(1), oldRing)).isEqualTo(KEY);
        assertThat(storedToken(jdbi)).isEqualTo(rotated);
        assertThat(decrypt(rotated, newRing)).isEqualTo(KEY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decrypt(rotated, oldRing))
                .isInstanceOf(SecretDecryptionException.class);
        for (String secret : List.of(KEY, FIRST_KEY)) {
            for (String form : forms(secret)) {
                assertThat(tablesContaining(jdbi, form)).as("tables holding a form of the key").isEmpty();
            }
        }
    }

    // ---- the session's parts

    private RunningApp start(DatabaseSettings database, String ring) {
        RunningApp app = RunningApp.start(database, Map.of(
                AppSettings.ENCRYPTION_KEY, ring,
                AppSettings.GEMINI_BASE_URL, gemini.baseUrl(),
                AppSettings.EVENT_DATA_DIR, eventData.toString(),
                AppSettings.DEAD_LETTER_DIR, deadLetters.toString()));
        app.application().startWorker(AppSettings.fromEnvironment(RunningApp.environment(Map.of(
                        AppSettings.ENCRYPTION_KEY, ring,
                        AppSettings.GEMINI_BASE_URL, gemini.baseUrl(),
                        AppSettings.EVENT_DATA_DIR, eventData.toString(),
                        AppSettings.DEAD_LETTER_DIR, deadLetters.toString())))
                .withDatabase(database));
        return app;
    }

    private void upload(RunningApp app, String name) throws IOException {
        byte[] content;
        try (InputStream in = SecretsNeverLeakIT.class.getResourceAsStream("/secrets/" + name)) {
            content = in.readAllBytes();
        }
        record(app.send(app.request("/api/ingest").header("Content-Type", "application/json")
                .header("X-File-Name", name).POST(HttpRequest.BodyPublishers.ofByteArray(content)).build()), 202);
    }

    private void readEverything(RunningApp app, long runId) throws IOException {
        for (String path : List.of("/api/config", "/api/config/defaults", "/api/config/schema",
                "/api/config/history", "/api/config/history/1", "/api/config/history/2", "/api/runs",
                "/api/runs/" + runId, "/api/canonical-events", "/health", "/ready", "/")) {
            expect(app, "GET", path, null, 200);
        }
        JsonNode events = JSON.readTree(expect(app, "GET", "/api/canonical-events", null, 200));
        for (JsonNode event : events.path("items")) {
            expect(app, "GET", "/api/canonical-events/" + event.path("id").asLong(), null, 200);
        }
    }

    private JsonNode awaitCompletedRunWithAi(RunningApp app) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode runs = JSON.readTree(expect(app, "GET", "/api/runs", null, 200));
            for (JsonNode run : runs) {
                if ("completed".equals(run.path("status").asText())
                        && run.path("counts").path("ai_answered").asInt() > 0) {
                    return run;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no completed run with an AI answer within 60 s: " + runs);
            }
            Thread.sleep(200);
        }
    }

    private void awaitGeminiCalls(int calls) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (gemini.keys().size() < calls) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gemini was called " + gemini.keys().size() + " times, expected " + calls);
            }
            Thread.sleep(100);
        }
    }

    /** Sends and records the whole answer (status, headers, body); returns the body. */
    private String expect(RunningApp app, String method, String path, String body, int status, String... headers) {
        HttpRequest.Builder request = app.request(path);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return record(app.send(request.build()), status);
    }

    private String record(HttpResponse<String> response, int status) {
        responses.append(response.request().method()).append(' ').append(response.uri()).append(" → ")
                .append(response.statusCode()).append('\n');
        response.headers().map().forEach((name, values) -> responses.append(name).append(": ")
                .append(String.join(", ", values)).append('\n'));
        responses.append(response.body()).append("\n\n");
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(),
                response.body()).isEqualTo(status);
        return response.body();
    }

    // ---- the forms a leaked key could take

    /** The key, reversed, in hex, and base64 (standard and URL-safe) at each of the three byte alignments. */
    static Set<String> forms(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        forms.add(new StringBuilder(secret).reverse().toString());
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        forms.add(HexFormat.of().formatHex(bytes));
        forms.add(HexFormat.of().withUpperCase().formatHex(bytes));
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, shifted, offset, bytes.length);
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String encoded = encoder.withoutPadding().encodeToString(shifted);
                // the characters that depend on the key alone: skip the prefix's and the tail's partial groups
                int from = offset == 0 ? 0 : 4;
                forms.add(encoded.substring(from, encoded.length() - 4));
            }
        }
        return forms;
    }

    // ---- logs, database, fake Gemini

    /** Every log event of the application, formatted as the console shows it (stack traces included), at DEBUG. */
    private void captureAllLogs() {
        Logging.configure(AppSettings.LogLevel.DEBUG, false);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(Logging.PATTERN);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("capture");
        appender.setEncoder(encoder);
        appender.setOutputStream(logSink());
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender("console"); // keep the build's output readable; everything goes to the capture
        root.addAppender(appender);
    }

    private OutputStream logSink() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (logs) {
                    logs.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (logs) {
                    logs.write(b, off, len);
                }
            }
        };
    }

    private static String storedToken(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT encrypted_api_key FROM config_settings WHERE id = 1")
                .mapTo(String.class).one());
    }

    private static String decrypt(String token, String ring) {
        return new FernetSecretCipher(FernetKeyRing.parse(ring)).decrypt(token).reveal();
    }

    /** The tables with a row whose text form contains {@code text}. */
    private static List<String> tablesContaining(Jdbi jdbi, String text) {
        return jdbi.withHandle(h -> {
            List<String> tables = h.createQuery("""
                            SELECT table_name FROM information_schema.tables
                             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""")
                    .mapTo(String.class).list();
            List<String> holding = new ArrayList<>();
            for (String table : tables) {
                if (h.createQuery("SELECT EXISTS (SELECT 1 FROM \"" + table + "\" t WHERE strpos(t::text, :text) > 0)")
                        .bind("text", text).mapTo(Boolean.class).one()) {
                    holding.add(table);
                }
            }
            return holding;
        });
    }

    /** Gemini's generateContent on a loopback port: answers "same" for every pair, records the key header. */
    static final class FakeGemini implements AutoCloseable {
        private final HttpServer server;
        private final List<String> keys = new CopyOnWriteArrayList<>();
        private final List<String> queries = new CopyOnWriteArrayList<>();

        FakeGemini() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        String baseUrl() {
            return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
        }

        List<String> keys() {
            return List.copyOf(keys);
        }

        List<String> queries() {
            return List.copyOf(queries);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                keys.add(String.valueOf(exchange.getRequestHeaders().getFirst("x-goog-api-key")));
                queries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
                byte[] bytes = ("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"{\\\"decision\\\":"
                        + " \\\"same\\\", \\\"confidence\\\": 0.92, \\\"reasoning\\\": \\\"same park\\\"}\"}],"
                        + " \"role\": \"model\"}, \"finishReason\": \"STOP\"}], \"usageMetadata\":"
                        + " {\"promptTokenCount\": 1000, \"candidatesTokenCount\": 200, \"totalTokenCount\": 1200}}")
                        .getBytes(StandardCharsets.UTF_8);
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
