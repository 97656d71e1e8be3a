package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bad input catalogue (issue 6): one table of hostile or broken requests, each sent to every write endpoint of
 * the running application (config API, preview, ground truth, key test and ingest on the real server and a fresh
 * PostgreSQL database). For every
 * pair the answer is the precise 4xx the table expects, a problem+json body that names the field where there is
 * one and holds no stack trace, exception class or internal path, and not one row of any table changes.
 *
 * <p>A cell is {@link #NA} where the input is legitimately accepted by that endpoint (e.g. unknown keys in an
 * ingested file, which the file format ignores); the table says why.
 */
@ExtendWith(FreshDatabaseExtension.class)
class BadInputCatalogueIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NA = -1;
    private static final int TEN_MIB = 10 * 1024 * 1024;

    /** What a response body must never contain: stack frames, class or package names, file paths, SQL state. */
    private static final Pattern LEAK = Pattern.compile("(?i)exception|\\bat [\\w$.]+\\(|\\b(org|com|java|javax"
            + "|jakarta|sun)\\.[a-z]|\\.java\\b|/home/|/tmp/|/work/|/root/|/usr/|postgres|psql|jdbc|hikari|jdbi"
            + "|jackson|javalin|jetty|StreamReadConstraints|sqlstate|syntax error at");

    /** The write endpoints and where each one's body puts a value. */
    enum Target {
        PATCH_CONFIG("PATCH", "/api/config", "{\"thresholds\": {\"high\": %s}}", "#/thresholds/high",
                "{\"category_weights\": {\"priority\": [%s]}}", "#/category_weights/priority/0", "0.81", 64 * 1024),
        /** The same merge patch as PATCH /api/config, validated the same way, never stored. */
        PREVIEW("POST", "/api/config/preview", "{\"thresholds\": {\"high\": %s}}", "#/thresholds/high",
                "{\"category_weights\": {\"priority\": [%s]}}", "#/category_weights/priority/0", "0.81", 64 * 1024),
        PUT_KEY("PUT", "/api/config/ai-key", "{\"api_key\": %s}", "#/api_key", "{\"api_key\": %s}", "#/api_key",
                "\"AIza-catalogue-second-key\"", 64 * 1024),
        /** Tests the stored key: no body or {@code {}}; any field (a key to test, say) is refused. */
        KEY_TEST("POST", "/api/config/ai-key/test", "{\"api_key\": %s}", "#/api_key", "{\"api_key\": %s}",
                "#/api_key", null, 64 * 1024),
        ROLLBACK("POST", "/api/config/rollback", "{\"version\": %s}", "#/version", "{\"version\": %s}", "#/version",
                "1", 64 * 1024),
        GROUND_TRUTH("POST", "/api/ground-truth", "{\"pairs\": [[%s, \"catalogue-b\"]]}", "#/pairs/0/0",
                "{\"pairs\": [[%s, \"catalogue-b\"]]}", "#/pairs/0/0", "\"catalogue-a\"", 32 * 1024 * 1024),
        INGEST("POST", "/api/ingest", event("%s"), "#/events/0/title", event("%s"), "#/events/0/title",
                "\"Maifest auf dem Marktplatz\"", 10 * 1024 * 1024),
        /** Takes no body: only the header and method cases apply. */
        DELETE_KEY("DELETE", "/api/config/ai-key", null, null, null, null, null, 0);

        final String method;
        final String path;
        final String template;
        final String slot;
        final String stringTemplate;
        final String stringSlot;
        final String validValue;
        /** The endpoint's body limit in bytes. */
        final int maxBytes;

        Target(String method, String path, String template, String slot, String stringTemplate, String stringSlot,
               String validValue, int maxBytes) {
            this.method = method;
            this.path = path;
            this.template = template;
            this.slot = slot;
            this.stringTemplate = stringTemplate;
            this.stringSlot = stringSlot;
            this.validValue = validValue;
            this.maxBytes = maxBytes;
        }

        boolean hasBody() {
            return template != null;
        }

        String body(String value) {
            return template.replace("%s", value);
        }

        String stringBody(String jsonString) {
            return stringTemplate.replace("%s", jsonString);
        }

        /** A body the endpoint accepts (sent only with something else wrong). */
        String valid() {
            return this == KEY_TEST ? "{}" : body(validValue);
        }

        /** A body that is rejected for another reason and carries {@code name} where a name goes. */
        String hostileBody(String name) {
            String n = quote(name);
            return switch (this) {
                case PATCH_CONFIG, PREVIEW -> "{\"category_weights\": {\"overrides\": {" + n + ": {\"date\": 0.9,"
                        + " \"geo\": 0.9, \"title\": 0.9, \"description\": 0.9}}}}";
                case PUT_KEY, KEY_TEST -> "{" + n + ": \"AIza-catalogue-third-key\"}";
                case ROLLBACK -> "{\"version\": " + n + "}";
                // the same id twice in one entity
                case GROUND_TRUTH -> "{\"entities\": {" + n + ": [" + n + ", " + n + "]}}";
                case INGEST -> "{\"events\": [{\"id\": " + n + ", \"source_type\": \"terminliste\"}]}";
                case DELETE_KEY -> throw new IllegalStateException("no body");
            };
        }

        /** Where the answer to {@link #hostileBody} points. */
        String hostilePointer(String name) {
            String escaped = name.replace("~", "~0").replace("/", "~1");
            return switch (this) {
                case PATCH_CONFIG, PREVIEW -> "#/category_weights/overrides/" + escaped;
                case PUT_KEY, KEY_TEST -> "#/" + escaped;
                case ROLLBACK -> "#/version";
                case GROUND_TRUTH -> "#/entities/" + escaped;
                case INGEST -> "#/events/0/title";
                case DELETE_KEY -> throw new IllegalStateException("no body");
            };
        }

        private static String event(String title) {
            return "{\"events\": [{\"id\": \"catalogue-1\", \"title\": " + title + ", \"source_type\": \"terminliste\","
                    + " \"event_dates\": [{\"date\": \"2026-05-01\"}], \"location\": {\"city\": \"Emmendingen\"}}]}";
        }
    }

    /** One request as sent: the target's method and path unless a case changes them. */
    record Request(String method, String path, Map<String, String> headers, byte[] body, boolean chunked) {
        Request with(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            if (value == null) {
                more.remove(name);
            } else {
                more.put(name, value);
            }
            return new Request(method, path, more, body, chunked);
        }

        Request withMethod(String value) {
            return new Request(value, path, headers, body, chunked);
        }

        Request asChunked() {
            return new Request(method, path, headers, body, true);
        }

        Request withQuery(String query) {
            return new Request(method, path + "?" + query, headers, body, chunked);
        }
    }

    /**
     * One kind of bad input.
     *
     * @param expected status per target; {@link #NA} where the input is acceptable there
     * @param pointer  the JSON pointer (or query parameter) the problem must name, null when there is no field
     */
    record Case(String name, Function<Target, Request> request, Map<Target, Integer> expected,
                Function<Target, String> pointer) {
    }

    private static RunningApp app;
    private static Jdbi jdbi;

    @BeforeAll
    static void start(DatabaseSettings database, Jdbi db) {
        jdbi = db;
        // a key test that got through would fail fast here instead of calling Google
        app = RunningApp.start(database, Map.of(AppSettings.GEMINI_BASE_URL, "http://127.0.0.1:9/"));
        // some state for every endpoint to leave alone: two config versions, a stored key, a queued file, an
        // imported ground truth
        assertThat(app.json("PATCH", "/api/config", "{\"thresholds\": {\"high\": 0.8}}").statusCode()).isEqualTo(200);
        assertThat(app.json("PUT", "/api/config/ai-key", "{\"api_key\": \"AIza-catalogue-first-key\"}")
                .statusCode()).isEqualTo(204);
        HttpResponse<String> queued = app.send(app.request("/api/ingest").header("Content-Type", "application/json")
                .header("X-File-Name", "seed_01.json").POST(HttpRequest.BodyPublishers.ofString(
                        Target.INGEST.body("\"Flohmarkt am Rathaus\""), StandardCharsets.UTF_8)).build());
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        HttpResponse<String> truth = app.json("POST", "/api/ground-truth", "{\"pairs\": [[\"seed-a\", \"seed-b\"]]}");
        assertThat(truth.statusCode()).as(truth.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void the_catalogue_covers_at_least_40_kinds_for_every_endpoint_with_a_body() {
        for (Target target : Target.values()) {
            long applicable = cases().stream().filter(c -> c.expected().getOrDefault(target, NA) != NA).count();
            if (target.hasBody()) {
                assertThat(applicable).as(target.name()).isGreaterThanOrEqualTo(40);
            } else {
                assertThat(applicable).as(target.name()).isGreaterThanOrEqualTo(8);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> every_kind_of_bad_input_is_refused_at_every_write_endpoint() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (Target target : Target.values()) {
                int status = c.expected().getOrDefault(target, NA);
                if (status != NA) {
                    tests.add(DynamicTest.dynamicTest(target.method + " " + target.path + ": " + c.name() + " → "
                            + status, () -> check(c, target, status)));
                }
            }
        }
        return tests.stream();
    }

    private static void check(Case c, Target target, int status) throws Exception {
        try {
            exchange(c, target, status);
        } catch (AssertionError e) {
            throw new AssertionError(target + " / " + c.name() + ": " + e.getMessage(), e);
        }
    }

    private static void exchange(Case c, Target target, int status) throws Exception {
        Request request = c.request().apply(target);
        Map<String, String> before = RunningApp.snapshot(jdbi);

        HttpResponse<String> response = app.send(build(request));

        String body = response.body();
        assertThat(response.statusCode()).as("status; body: %s", shorten(body)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("content type")
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body).as("no stack trace, class name or internal path").doesNotContainPattern(LEAK);
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        String pointer = c.pointer().apply(target);
        if (pointer != null) {
            List<String> named = new ArrayList<>();
            problem.path("errors").forEach(e -> named.add(e.path("pointer").asText()));
            if (problem.has("parameter")) {
                named.add(problem.path("parameter").asText());
            }
            assertThat(named).as("fields named by %s", shorten(body)).contains(pointer);
        }
        assertThat(RunningApp.snapshot(jdbi)).as("database unchanged").isEqualTo(before);
        assertThat(app.get("/health").statusCode()).as("still serving").isEqualTo(200);
    }

    private static HttpRequest build(Request r) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(app.uri(r.path()))
                .timeout(java.time.Duration.ofSeconds(60)).header("Authorization", app.authorization());
        r.headers().forEach(builder::header);
        HttpRequest.BodyPublisher publisher;
        if (r.body() == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else if (r.chunked()) {
            byte[] bytes = r.body();
            publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        } else {
            publisher = HttpRequest.BodyPublishers.ofByteArray(r.body());
        }
        return builder.method(r.method(), publisher).build();
    }

    // ---- the table

    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        Function<Target, String> none = t -> null;
        Function<Target, String> slot = t -> t.slot;
        Function<Target, String> stringSlot = t -> t.stringSlot;
        // a file the upload cannot read is a problem of the whole file: pointer "#"
        Function<Target, String> fileRoot = t -> t == Target.INGEST ? "#" : null;
        Function<Target, String> listings = t -> "listings";
        // columns:                         PATCH PREVIEW PUT_KEY KEY_TEST ROLLBACK GROUND_TRUTH INGEST [DELETE_KEY]
        Map<Target, Integer> unreadable = s(400, 400, 400, 400, 400, 400, 422);

        // -- framing: the same bytes to every endpoint
        // the key test takes no body at all: an empty one is its normal request
        all.add(new Case("empty body", t -> text(t, ""), s(400, 400, 400, NA, 400, 400, 422), fileRoot));
        all.add(new Case("only whitespace", t -> text(t, " \r\n\t "), unreadable, fileRoot));
        all.add(new Case("truncated after a key", t -> text(t, "{\"version\":"), unreadable, fileRoot));
        all.add(new Case("truncated inside a string", t -> text(t, "{\"version\": \"abc"), unreadable, fileRoot));
        all.add(new Case("valid body missing its last brace", t -> text(t, t.valid().substring(0,
                t.valid().length() - 1)), unreadable, fileRoot));
        all.add(new Case("content after the value", t -> text(t, t.valid() + " x"), unreadable, fileRoot));
        all.add(new Case("two JSON values", t -> text(t, t.valid() + t.valid()), unreadable, fileRoot));
        all.add(new Case("single quotes", t -> text(t, "{'version': 1}"), unreadable, fileRoot));
        all.add(new Case("trailing comma", t -> text(t, "{\"version\": 1,}"), unreadable, fileRoot));
        all.add(new Case("comment", t -> text(t, "/* note */ " + t.valid()), unreadable, fileRoot));
        all.add(new Case("unquoted key", t -> text(t, "{version: 1}"), unreadable, fileRoot));
        all.add(new Case("array instead of an object", t -> text(t, "[" + t.valid() + "]"), unreadable, fileRoot));
        all.add(new Case("string instead of an object", t -> text(t, "\"text\""), unreadable, fileRoot));
        all.add(new Case("number instead of an object", t -> text(t, "42"), unreadable, fileRoot));
        all.add(new Case("null instead of an object", t -> text(t, "null"), unreadable, fileRoot));
        all.add(new Case("boolean instead of an object", t -> text(t, "true"), unreadable, fileRoot));
        all.add(new Case("raw NUL byte between tokens", t -> bytes(t, concat(utf8("{"), new byte[] {0},
                utf8("}"))), unreadable, fileRoot));

        // -- numbers where the value goes
        all.add(new Case("NaN", t -> value(t, "NaN"), unreadable, fileRoot));
        all.add(new Case("Infinity", t -> value(t, "Infinity"), unreadable, fileRoot));
        all.add(new Case("-Infinity", t -> value(t, "-Infinity"), unreadable, fileRoot));
        all.add(new Case("leading zero", t -> value(t, "08"), unreadable, fileRoot));
        all.add(new Case("plus sign", t -> value(t, "+1"), unreadable, fileRoot));
        all.add(new Case("hexadecimal", t -> value(t, "0x10"), unreadable, fileRoot));
        all.add(new Case("leading decimal point", t -> value(t, ".5"), unreadable, fileRoot));
        all.add(new Case("2,000-digit number", t -> value(t, "9".repeat(2000)), unreadable, fileRoot));
        Map<Target, Integer> invalid = s(422, 422, 422, 422, 422, 422, 422);
        all.add(new Case("huge exponent 1e400", t -> value(t, "1e400"), invalid, slot));
        all.add(new Case("30-digit integer", t -> value(t, "123456789012345678901234567890"), invalid, slot));
        all.add(new Case("negative number", t -> value(t, "-1"), invalid, slot));
        all.add(new Case("fraction", t -> value(t, "1.5"), invalid, slot));

        // -- wrong types where the value goes
        all.add(new Case("boolean value", t -> value(t, "true"), invalid, slot));
        all.add(new Case("object value", t -> value(t, "{\"value\": 1}"), invalid, slot));
        all.add(new Case("array value", t -> value(t, "[1]"), invalid, slot));
        // PATCH and preview: null resets thresholds.high to its default, a valid merge patch
        all.add(new Case("null value", t -> value(t, "null"), s(NA, NA, 422, 422, 422, 422, 422), slot));
        // PUT ai-key, ground truth and ingest: a string is what goes there ("0.8" is a well-formed key, listing id
        // and title)
        all.add(new Case("number as a string", t -> value(t, "\"0.8\""), s(422, 422, NA, 422, 422, NA, NA), slot));
        // ingest: an empty title is part of the file format (it scores 0 against any other title)
        all.add(new Case("empty string", t -> value(t, "\"\""), s(422, 422, 422, 422, 422, 422, NA), slot));
        all.add(new Case("100 levels of nesting", t -> value(t, "[".repeat(100) + "]".repeat(100)), unreadable,
                t -> t == Target.INGEST ? t.slot : null));
        all.add(new Case("10,000 levels of nesting", t -> text(t, "{\"a\": " + "[".repeat(10_000)
                + "]".repeat(10_000) + "}"), unreadable, fileRoot));

        // -- sizes
        // ground truth: its limit is 32 MiB (100,000 labelled listings are about 5 MiB), and a long string is a
        // well-formed (unknown) listing id; its own limit is the case after these
        all.add(new Case("10 MiB body", t -> value(t, "\"" + "x".repeat(TEN_MIB) + "\""),
                s(413, 413, 413, 413, 413, NA, 413), none));
        all.add(new Case("10 MiB body, chunked (no Content-Length)", t -> value(t, "\"" + "x".repeat(TEN_MIB)
                + "\"").asChunked(), s(413, 413, 413, 413, 413, NA, 413), none));
        // ingest: 100 KiB is a small file there
        all.add(new Case("100 KiB body", t -> value(t, "\"" + "x".repeat(100 * 1024) + "\""),
                s(413, 413, 413, 413, 413, NA, NA), none));
        Map<Target, Integer> tooLarge = s(413, 413, 413, 413, 413, 413, 413);
        all.add(new Case("one byte over the endpoint's limit", t -> overLimit(t), tooLarge, none));
        all.add(new Case("one byte over the endpoint's limit, chunked", t -> overLimit(t).asChunked(), tooLarge,
                none));

        // -- encodings
        all.add(new Case("invalid UTF-8 byte 0xFF in a string", t -> valueBytes(t, new byte[] {'"', 'a',
                (byte) 0xFF, 'b', '"'}), unreadable, fileRoot));
        all.add(new Case("overlong UTF-8 encoding of '/'", t -> valueBytes(t, new byte[] {'"', 'a', (byte) 0xC0,
                (byte) 0xAF, '"'}), unreadable, fileRoot));
        all.add(new Case("truncated UTF-8 sequence", t -> valueBytes(t, new byte[] {'"', 'a', (byte) 0xE2,
                (byte) 0x82, '"'}), unreadable, fileRoot));
        all.add(new Case("UTF-8 encoded surrogate", t -> valueBytes(t, new byte[] {'"', 'a', (byte) 0xED,
                (byte) 0xA0, (byte) 0x80, '"'}), unreadable, fileRoot));
        all.add(new Case("Latin-1 body (ü as 0xFC)", t -> valueBytes(t, "\"Gr\u00fcn\"".getBytes(
                StandardCharsets.ISO_8859_1)), unreadable, fileRoot));
        all.add(new Case("UTF-16 body with BOM", t -> bytes(t, t.valid().getBytes(StandardCharsets.UTF_16)),
                unreadable, fileRoot));
        all.add(new Case("UTF-16LE body without BOM", t -> bytes(t, t.valid().getBytes(StandardCharsets.UTF_16LE)),
                unreadable, fileRoot));
        all.add(new Case("UTF-8 byte order mark", t -> bytes(t, concat(new byte[] {(byte) 0xEF, (byte) 0xBB,
                (byte) 0xBF}, utf8(t.valid()))), unreadable, fileRoot));

        // -- strings: control characters and broken Unicode where a text goes
        all.add(new Case("unescaped newline in a string", t -> value(t, "\"a\nb\""), unreadable, fileRoot));
        all.add(new Case("escaped NUL in a text", t -> string(t, "\"a\\u0000b\""), invalid, stringSlot));
        all.add(new Case("lone high surrogate in a text", t -> string(t, "\"a\\ud800b\""), invalid, stringSlot));
        all.add(new Case("lone low surrogate in a text", t -> string(t, "\"a\\udc00\""), invalid, stringSlot));
        // ground truth and ingest: listings are scraped text, their ids too; a stray control character is stored
        // and shown as text
        all.add(new Case("escape (ESC) sequence in a name", t -> string(t, "\"a\\u001b[31mb\""),
                s(422, 422, 422, 422, 422, NA, NA), stringSlot));
        all.add(new Case("line break in a name", t -> string(t, "\"a\\nb\""), s(422, 422, 422, 422, 422, NA, NA),
                stringSlot));

        // -- hostile strings in names (rejected for another reason; the answer must carry them as data)
        for (String hostile : List.of("'; DROP TABLE config_settings; --", "<script>alert(1)</script>",
                "\" OR 1=1 --", "a/b~c", "x".repeat(5_000))) {
            String label = hostile.length() > 40 ? "5,000-character name" : "name " + hostile;
            all.add(new Case(label, t -> text(t, t.hostileBody(hostile)), invalid, t -> t.hostilePointer(hostile)));
        }

        // -- keys
        // ground truth and ingest: their file formats ignore keys they have no field for (the exports carry extra
        // ones; truth.json may carry notes)
        all.add(new Case("unknown top-level field", t -> text(t, "{\"zz_unknown\": 1" + (t.valid().equals("{}")
                ? "}" : ", " + t.valid().substring(1))), s(422, 422, 422, 422, 422, NA, NA), t -> "#/zz_unknown"));
        all.add(new Case("unknown nested field", t -> text(t, "{\"thresholds\": {\"hihg\": 0.8}}"),
                s(422, 422, NA, NA, NA, NA, NA), t -> "#/thresholds/hihg"));
        all.add(new Case("duplicate key", t -> text(t, duplicateKey(t)), unreadable, fileRoot));
        all.add(new Case("API key inside the document", t -> text(t, "{\"ai\": {\"api_key\": \"AIza-x\"}}"),
                s(422, 422, NA, NA, NA, NA, NA), t -> "#/ai/api_key"));
        // preview: ignores ai_api_key (a client may send back what GET /api/config gave it); only PATCH stores it
        all.add(new Case("ai_api_key of the wrong type", t -> text(t, "{\"ai_api_key\": 12345}"),
                s(422, NA, NA, NA, NA, NA, NA), t -> "#/ai_api_key"));

        // -- content types
        Map<Target, Integer> unsupported = s(415, 415, 415, 415, 415, 415, 415);
        all.add(new Case("Content-Type text/plain", t -> valid(t).with("Content-Type", "text/plain"), unsupported,
                none));
        all.add(new Case("no Content-Type", t -> valid(t).with("Content-Type", null), unsupported, none));
        all.add(new Case("JSON in ISO-8859-1", t -> valid(t).with("Content-Type",
                "application/json; charset=ISO-8859-1"), unsupported, none));
        all.add(new Case("JSON in UTF-16", t -> valid(t).with("Content-Type", "application/json; charset=utf-16"),
                unsupported, none));
        all.add(new Case("form-urlencoded (cross-site form post)", t -> valid(t).with("Content-Type",
                "application/x-www-form-urlencoded"), unsupported, none));
        all.add(new Case("multipart/form-data", t -> valid(t).with("Content-Type",
                "multipart/form-data; boundary=xyz"), unsupported, none));
        // PATCH and preview take a merge patch
        all.add(new Case("application/merge-patch+json", t -> valid(t).with("Content-Type",
                "application/merge-patch+json"), s(NA, NA, 415, 415, 415, 415, 415), none));
        all.add(new Case("application/jsonx", t -> valid(t).with("Content-Type", "application/jsonx"), unsupported,
                none));

        // -- cross-site requests (CSRF): refused before any handler
        Map<Target, Integer> crossSite = s(403, 403, 403, 403, 403, 403, 403, 403);
        all.add(new Case("Origin of another site", t -> valid(t).with("Origin", "http://evil.example"), crossSite,
                none));
        all.add(new Case("Sec-Fetch-Site: cross-site", t -> valid(t).with("Sec-Fetch-Site", "cross-site"), crossSite,
                none));

        // -- preconditions: only the config writes are versioned (preview, key test, ground truth import and ingest
        // take no If-Match)
        Map<Target, Integer> versioned = s(400, NA, 400, NA, 400, NA, NA, 400);
        all.add(new Case("If-Match without quotes", t -> valid(t).with("If-Match", "3"), versioned, none));
        all.add(new Case("If-Match with two tags", t -> valid(t).with("If-Match", "\"1\", \"2\""), versioned,
                none));
        all.add(new Case("stale If-Match", t -> valid(t).with("If-Match", "\"999\""),
                s(412, NA, 412, NA, 412, NA, NA, 412), none));
        // preview: ignores updated_at like ai_api_key
        all.add(new Case("updated_at that is not a time", t -> text(t, "{\"updated_at\": \"yesterday\","
                + " \"thresholds\": {\"high\": 0.81}}"), s(400, NA, NA, NA, NA, NA, NA), none));
        all.add(new Case("stale updated_at", t -> text(t, "{\"updated_at\": \"2001-01-01T00:00:00Z\","
                + " \"thresholds\": {\"high\": 0.81}}"), s(409, NA, NA, NA, NA, NA, NA), none));

        // -- methods
        Map<Target, Integer> notAllowed = s(405, 405, 405, 405, 405, 405, 405, 405);
        all.add(new Case("another method", t -> valid(t).withMethod(switch (t) {
            case PATCH_CONFIG, PREVIEW, ROLLBACK, GROUND_TRUTH, INGEST -> "PUT";
            case PUT_KEY, DELETE_KEY -> "POST";
            case KEY_TEST -> "GET";
        }), notAllowed, none));
        all.add(new Case("TRACE", t -> valid(t).withMethod("TRACE"), notAllowed, none));
        all.add(new Case("unknown method BREW", t -> valid(t).withMethod("BREW"), notAllowed, none));

        // -- query parameters (the config API's writes take none and do not look at the query)
        all.add(new Case("unknown query parameter", t -> valid(t).withQuery("nmae=x.json"),
                s(NA, 400, NA, 400, NA, 400, 400), t -> "nmae"));
        all.add(new Case("upload name with a path", t -> valid(t).with("X-File-Name", "../up_01.json"),
                s(NA, NA, NA, NA, NA, NA, 400), t -> "name"));
        all.add(new Case("upload without a name", t -> valid(t).with("X-File-Name", null),
                s(NA, NA, NA, NA, NA, NA, 400), t -> "name"));
        Map<Target, Integer> previewOnly = s(NA, 400, NA, NA, NA, NA, NA);
        for (String bad : List.of("0", "50001", "-1", "abc", "1.5", "", "1e3", "%2B5", "5%20",
                "99999999999999999999", "5&listings=6")) {
            all.add(new Case("listings=" + bad, t -> valid(t).withQuery("listings=" + bad), previewOnly, listings));
        }
        return all;
    }

    private static String duplicateKey(Target t) {
        return switch (t) {
            case PATCH_CONFIG, PREVIEW -> "{\"thresholds\": {\"high\": 0.81, \"high\": 0.82}}";
            case PUT_KEY, KEY_TEST -> "{\"api_key\": \"AIza-a\", \"api_key\": \"AIza-b\"}";
            case ROLLBACK -> "{\"version\": 1, \"version\": 2}";
            case GROUND_TRUTH -> "{\"pairs\": [[\"a\", \"b\"]], \"pairs\": [[\"c\", \"d\"]]}";
            case INGEST -> "{\"events\": [{\"id\": \"dup-1\", \"id\": \"dup-2\", \"title\": \"Maifest\","
                    + " \"source_type\": \"terminliste\"}]}";
            case DELETE_KEY -> throw new IllegalStateException("no body");
        };
    }

    /** The target's body with a string value long enough to make it exactly one byte over its limit. */
    private static Request overLimit(Target t) {
        int around = utf8(t.body("\"\"")).length;
        return value(t, "\"" + "x".repeat(t.maxBytes + 1 - around) + "\"");
    }

    /** Statuses of the endpoints with a body, in the order of {@link Target}; the DELETE takes none. */
    private static Map<Target, Integer> s(int patch, int preview, int putKey, int keyTest, int rollback, int truth,
                                          int ingest) {
        return s(patch, preview, putKey, keyTest, rollback, truth, ingest, NA);
    }

    private static Map<Target, Integer> s(int patch, int preview, int putKey, int keyTest, int rollback, int truth,
                                          int ingest, int deleteKey) {
        Map<Target, Integer> m = new EnumMap<>(Target.class);
        m.put(Target.PATCH_CONFIG, patch);
        m.put(Target.PREVIEW, preview);
        m.put(Target.PUT_KEY, putKey);
        m.put(Target.KEY_TEST, keyTest);
        m.put(Target.ROLLBACK, rollback);
        m.put(Target.GROUND_TRUTH, truth);
        m.put(Target.INGEST, ingest);
        m.put(Target.DELETE_KEY, deleteKey);
        return m;
    }

    private static Request base(Target t) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (t.hasBody()) {
            headers.put("Content-Type", "application/json");
        }
        if (t == Target.INGEST) {
            headers.put("X-File-Name", "catalogue_01.json");
        }
        return new Request(t.method, t.path, headers, null, false);
    }

    private static Request bytes(Target t, byte[] body) {
        Request r = base(t);
        return new Request(r.method(), r.path(), r.headers(), body, false);
    }

    private static Request text(Target t, String body) {
        return bytes(t, utf8(body));
    }

    private static Request value(Target t, String json) {
        return text(t, t.body(json));
    }

    private static Request string(Target t, String jsonString) {
        return text(t, t.stringBody(jsonString));
    }

    private static Request valid(Target t) {
        return t.hasBody() ? text(t, t.valid()) : base(t);
    }

    /** The target's body around raw bytes in the value's place. */
    private static Request valueBytes(Target t, byte[] value) {
        String[] around = t.template.split("%s", 2);
        return bytes(t, concat(utf8(around[0]), value, utf8(around[1])));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shorten(String text) {
        return text == null || text.length() < 600 ? text : text.substring(0, 600) + "…";
    }
}
