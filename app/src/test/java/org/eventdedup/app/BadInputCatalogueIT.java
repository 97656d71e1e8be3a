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
 * the running application (config API and worker API on the real server and a fresh PostgreSQL database). For every
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
                "{\"category_weights\": {\"priority\": [%s]}}", "#/category_weights/priority/0", "0.81"),
        PUT_KEY("PUT", "/api/config/ai-key", "{\"api_key\": %s}", "#/api_key", "{\"api_key\": %s}", "#/api_key",
                "\"AIza-catalogue-second-key\""),
        ROLLBACK("POST", "/api/config/rollback", "{\"version\": %s}", "#/version", "{\"version\": %s}", "#/version",
                "1"),
        INGEST("POST", "/api/ingest", event("%s"), "#/events/0/title", event("%s"), "#/events/0/title",
                "\"Maifest auf dem Marktplatz\""),
        /** Takes no body: only the header and method cases apply. */
        DELETE_KEY("DELETE", "/api/config/ai-key", null, null, null, null, null);

        final String method;
        final String path;
        final String template;
        final String slot;
        final String stringTemplate;
        final String stringSlot;
        final String validValue;

        Target(String method, String path, String template, String slot, String stringTemplate, String stringSlot,
               String validValue) {
            this.method = method;
            this.path = path;
            this.template = template;
            this.slot = slot;
            this.stringTemplate = stringTemplate;
            this.stringSlot = stringSlot;
            this.validValue = validValue;
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

        String valid() {
            return body(validValue);
        }

        /** A body that is rejected for another reason and carries {@code name} where a name goes. */
        String hostileBody(String name) {
            String n = quote(name);
            return switch (this) {
                case PATCH_CONFIG -> "{\"category_weights\": {\"overrides\": {" + n + ": {\"date\": 0.9, \"geo\": 0.9,"
                        + " \"title\": 0.9, \"description\": 0.9}}}}";
                case PUT_KEY -> "{" + n + ": \"AIza-catalogue-third-key\"}";
                case ROLLBACK -> "{\"version\": " + n + "}";
                case INGEST -> "{\"events\": [{\"id\": " + n + ", \"source_type\": \"terminliste\"}]}";
                case DELETE_KEY -> throw new IllegalStateException("no body");
            };
        }

        /** Where the answer to {@link #hostileBody} points. */
        String hostilePointer(String name) {
            return switch (this) {
                case PATCH_CONFIG -> "#/category_weights/overrides/" + name.replace("~", "~0").replace("/", "~1");
                case PUT_KEY -> "#/" + name.replace("~", "~0").replace("/", "~1");
                case ROLLBACK -> "#/version";
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
        app = RunningApp.start(database, Map.of());
        // some state for every endpoint to leave alone: two config versions, a stored key, a queued file
        assertThat(app.json("PATCH", "/api/config", "{\"thresholds\": {\"high\": 0.8}}").statusCode()).isEqualTo(200);
        assertThat(app.json("PUT", "/api/config/ai-key", "{\"api_key\": \"AIza-catalogue-first-key\"}")
                .statusCode()).isEqualTo(204);
        HttpResponse<String> queued = app.send(app.request("/api/ingest").header("Content-Type", "application/json")
                .header("X-File-Name", "seed_01.json").POST(HttpRequest.BodyPublishers.ofString(
                        Target.INGEST.body("\"Flohmarkt am Rathaus\""), StandardCharsets.UTF_8)).build());
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
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

        // -- framing: the same bytes to every endpoint
        all.add(new Case("empty body", t -> text(t, ""), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("only whitespace", t -> text(t, " \r\n\t "), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("truncated after a key", t -> text(t, "{\"version\":"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("truncated inside a string", t -> text(t, "{\"version\": \"abc"), s(400, 400, 400, 422),
                fileRoot));
        all.add(new Case("valid body missing its last brace", t -> text(t, t.valid().substring(0,
                t.valid().length() - 1)), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("content after the value", t -> text(t, t.valid() + " x"), s(400, 400, 400, 422),
                fileRoot));
        all.add(new Case("two JSON values", t -> text(t, t.valid() + t.valid()), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("single quotes", t -> text(t, "{'version': 1}"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("trailing comma", t -> text(t, "{\"version\": 1,}"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("comment", t -> text(t, "/* note */ " + t.valid()), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("unquoted key", t -> text(t, "{version: 1}"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("array instead of an object", t -> text(t, "[" + t.valid() + "]"), s(400, 400, 400, 422),
                fileRoot));
        all.add(new Case("string instead of an object", t -> text(t, "\"text\""), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("number instead of an object", t -> text(t, "42"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("null instead of an object", t -> text(t, "null"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("boolean instead of an object", t -> text(t, "true"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("raw NUL byte between tokens", t -> bytes(t, concat(utf8("{"), new byte[] {0},
                utf8("}"))), s(400, 400, 400, 422), fileRoot));

        // -- numbers where the value goes
        all.add(new Case("NaN", t -> value(t, "NaN"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("Infinity", t -> value(t, "Infinity"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("-Infinity", t -> value(t, "-Infinity"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("leading zero", t -> value(t, "08"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("plus sign", t -> value(t, "+1"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("hexadecimal", t -> value(t, "0x10"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("leading decimal point", t -> value(t, ".5"), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("2,000-digit number", t -> value(t, "9".repeat(2000)), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("huge exponent 1e400", t -> value(t, "1e400"), s(422, 422, 422, 422), slot));
        all.add(new Case("30-digit integer", t -> value(t, "123456789012345678901234567890"), s(422, 422, 422, 422),
                slot));
        all.add(new Case("negative number", t -> value(t, "-1"), s(422, 422, 422, 422), slot));
        all.add(new Case("fraction", t -> value(t, "1.5"), s(422, 422, 422, 422), slot));

        // -- wrong types where the value goes
        all.add(new Case("boolean value", t -> value(t, "true"), s(422, 422, 422, 422), slot));
        all.add(new Case("object value", t -> value(t, "{\"value\": 1}"), s(422, 422, 422, 422), slot));
        all.add(new Case("array value", t -> value(t, "[1]"), s(422, 422, 422, 422), slot));
        // PATCH: null resets thresholds.high to its default, a valid merge patch
        all.add(new Case("null value", t -> value(t, "null"), s(NA, 422, 422, 422), slot));
        // PUT ai-key and ingest: a string is what goes there ("0.8" is a well-formed key and a well-formed title)
        all.add(new Case("number as a string", t -> value(t, "\"0.8\""), s(422, NA, 422, NA), slot));
        // ingest: an empty title is part of the file format (it scores 0 against any other title)
        all.add(new Case("empty string", t -> value(t, "\"\""), s(422, 422, 422, NA), slot));
        all.add(new Case("100 levels of nesting", t -> value(t, "[".repeat(100) + "]".repeat(100)),
                s(400, 400, 400, 422), t -> t == Target.INGEST ? t.slot : null));
        all.add(new Case("10,000 levels of nesting", t -> text(t, "{\"a\": " + "[".repeat(10_000)
                + "]".repeat(10_000) + "}"), s(400, 400, 400, 422), fileRoot));

        // -- sizes
        all.add(new Case("10 MiB body", t -> value(t, "\"" + "x".repeat(TEN_MIB) + "\""), s(413, 413, 413, 413),
                none));
        all.add(new Case("10 MiB body, chunked (no Content-Length)", t -> value(t, "\"" + "x".repeat(TEN_MIB)
                + "\"").asChunked(), s(413, 413, 413, 413), none));
        // ingest: 100 KiB is a small file there
        all.add(new Case("100 KiB body", t -> value(t, "\"" + "x".repeat(100 * 1024) + "\""), s(413, 413, 413, NA),
                none));

        // -- encodings
        all.add(new Case("invalid UTF-8 byte 0xFF in a string", t -> valueBytes(t, new byte[] {'"', 'a',
                (byte) 0xFF, 'b', '"'}), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("overlong UTF-8 encoding of '/'", t -> valueBytes(t, new byte[] {'"', 'a', (byte) 0xC0,
                (byte) 0xAF, '"'}), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("truncated UTF-8 sequence", t -> valueBytes(t, new byte[] {'"', 'a', (byte) 0xE2,
                (byte) 0x82, '"'}), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("UTF-8 encoded surrogate", t -> valueBytes(t, new byte[] {'"', 'a', (byte) 0xED,
                (byte) 0xA0, (byte) 0x80, '"'}), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("Latin-1 body (ü as 0xFC)", t -> valueBytes(t, "\"Gr\u00fcn\"".getBytes(
                StandardCharsets.ISO_8859_1)), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("UTF-16 body with BOM", t -> bytes(t, t.valid().getBytes(StandardCharsets.UTF_16)),
                s(400, 400, 400, 422), fileRoot));
        all.add(new Case("UTF-16LE body without BOM", t -> bytes(t, t.valid().getBytes(StandardCharsets.UTF_16LE)),
                s(400, 400, 400, 422), fileRoot));
        all.add(new Case("UTF-8 byte order mark", t -> bytes(t, concat(new byte[] {(byte) 0xEF, (byte) 0xBB,
                (byte) 0xBF}, utf8(t.valid()))), s(400, 400, 400, 422), fileRoot));

        // -- strings: control characters and broken Unicode where a text goes
        all.add(new Case("unescaped newline in a string", t -> value(t, "\"a\nb\""), s(400, 400, 400, 422),
                fileRoot));
        all.add(new Case("escaped NUL in a text", t -> string(t, "\"a\\u0000b\""), s(422, 422, 422, 422),
                stringSlot));
        all.add(new Case("lone high surrogate in a text", t -> string(t, "\"a\\ud800b\""), s(422, 422, 422, 422),
                stringSlot));
        all.add(new Case("lone low surrogate in a text", t -> string(t, "\"a\\udc00\""), s(422, 422, 422, 422),
                stringSlot));
        // ingest: listings are scraped text; a stray control character in a title is stored and shown as text
        all.add(new Case("escape (ESC) sequence in a name", t -> string(t, "\"a\\u001b[31mb\""), s(422, 422, 422, NA),
                stringSlot));
        all.add(new Case("line break in a name", t -> string(t, "\"a\\nb\""), s(422, 422, 422, NA), stringSlot));

        // -- hostile strings in names (rejected for another reason; the answer must carry them as data)
        for (String hostile : List.of("'; DROP TABLE config_settings; --", "<script>alert(1)</script>",
                "\" OR 1=1 --", "a/b~c", "x".repeat(5_000))) {
            String label = hostile.length() > 40 ? "5,000-character name" : "name " + hostile;
            all.add(new Case(label, t -> text(t, t.hostileBody(hostile)), s(422, 422, 422, 422),
                    t -> t.hostilePointer(hostile)));
        }

        // -- keys
        // ingest: the file format ignores keys it has no field for (the exports carry extra ones)
        all.add(new Case("unknown top-level field", t -> text(t, "{\"zz_unknown\": 1, " + t.valid().substring(1)),
                s(422, 422, 422, NA), t -> "#/zz_unknown"));
        all.add(new Case("unknown nested field", t -> text(t, "{\"thresholds\": {\"hihg\": 0.8}}"),
                s(422, NA, NA, NA), t -> "#/thresholds/hihg"));
        all.add(new Case("duplicate key", t -> text(t, duplicateKey(t)), s(400, 400, 400, 422), fileRoot));
        all.add(new Case("API key inside the document", t -> text(t, "{\"ai\": {\"api_key\": \"AIza-x\"}}"),
                s(422, NA, NA, NA), t -> "#/ai/api_key"));
        all.add(new Case("ai_api_key of the wrong type", t -> text(t, "{\"ai_api_key\": 12345}"),
                s(422, NA, NA, NA), t -> "#/ai_api_key"));

        // -- content types
        all.add(new Case("Content-Type text/plain", t -> valid(t).with("Content-Type", "text/plain"),
                s(415, 415, 415, 415), none));
        all.add(new Case("no Content-Type", t -> valid(t).with("Content-Type", null), s(415, 415, 415, 415), none));
        all.add(new Case("JSON in ISO-8859-1", t -> valid(t).with("Content-Type",
                "application/json; charset=ISO-8859-1"), s(415, 415, 415, 415), none));
        all.add(new Case("form-urlencoded (cross-site form post)", t -> valid(t).with("Content-Type",
                "application/x-www-form-urlencoded"), s(415, 415, 415, 415), none));
        all.add(new Case("multipart/form-data", t -> valid(t).with("Content-Type",
                "multipart/form-data; boundary=xyz"), s(415, 415, 415, 415), none));
        // PATCH takes a merge patch
        all.add(new Case("application/merge-patch+json", t -> valid(t).with("Content-Type",
                "application/merge-patch+json"), s(NA, 415, 415, 415), none));
        all.add(new Case("application/jsonx", t -> valid(t).with("Content-Type", "application/jsonx"),
                s(415, 415, 415, 415), none));

        // -- cross-site requests (CSRF): refused before any handler
        all.add(new Case("Origin of another site", t -> valid(t).with("Origin", "http://evil.example"),
                s(403, 403, 403, 403, 403), none));
        all.add(new Case("Sec-Fetch-Site: cross-site", t -> valid(t).with("Sec-Fetch-Site", "cross-site"),
                s(403, 403, 403, 403, 403), none));

        // -- preconditions (ingest has none)
        all.add(new Case("If-Match without quotes", t -> valid(t).with("If-Match", "3"), s(400, 400, 400, NA, 400),
                none));
        all.add(new Case("If-Match with two tags", t -> valid(t).with("If-Match", "\"1\", \"2\""),
                s(400, 400, 400, NA, 400), none));
        all.add(new Case("stale If-Match", t -> valid(t).with("If-Match", "\"999\""), s(412, 412, 412, NA, 412),
                none));
        all.add(new Case("updated_at that is not a time", t -> text(t, "{\"updated_at\": \"yesterday\","
                + " \"thresholds\": {\"high\": 0.81}}"), s(400, NA, NA, NA), none));
        all.add(new Case("stale updated_at", t -> text(t, "{\"updated_at\": \"2001-01-01T00:00:00Z\","
                + " \"thresholds\": {\"high\": 0.81}}"), s(409, NA, NA, NA), none));

        // -- methods
        all.add(new Case("another method", t -> valid(t).withMethod(switch (t) {
            case PATCH_CONFIG, ROLLBACK, INGEST -> "PUT";
            case PUT_KEY, DELETE_KEY -> "POST";
        }), s(405, 405, 405, 405, 405), none));
        all.add(new Case("TRACE", t -> valid(t).withMethod("TRACE"), s(405, 405, 405, 405, 405), none));
        all.add(new Case("unknown method BREW", t -> valid(t).withMethod("BREW"), s(405, 405, 405, 405, 405), none));

        // -- the upload's name and query (config writes take no query)
        all.add(new Case("upload name with a path", t -> valid(t).with("X-File-Name", "../up_01.json"),
                s(NA, NA, NA, 400), t -> "name"));
        all.add(new Case("upload without a name", t -> valid(t).with("X-File-Name", null), s(NA, NA, NA, 400),
                t -> "name"));
        all.add(new Case("upload with an unknown query parameter", t -> {
            Request r = valid(t);
            return new Request(r.method(), r.path() + "?nmae=x.json", r.headers(), r.body(), false);
        }, s(NA, NA, NA, 400), t -> "nmae"));
        return all;
    }

    private static String duplicateKey(Target t) {
        return switch (t) {
            case PATCH_CONFIG -> "{\"thresholds\": {\"high\": 0.81, \"high\": 0.82}}";
            case PUT_KEY -> "{\"api_key\": \"AIza-a\", \"api_key\": \"AIza-b\"}";
            case ROLLBACK -> "{\"version\": 1, \"version\": 2}";
            case INGEST -> "{\"events\": [{\"id\": \"dup-1\", \"id\": \"dup-2\", \"title\": \"Maifest\","
                    + " \"source_type\": \"terminliste\"}]}";
            case DELETE_KEY -> throw new IllegalStateException("no body");
        };
    }

    private static Map<Target, Integer> s(int patch, int putKey, int rollback, int ingest) {
        return s(patch, putKey, rollback, ingest, NA);
    }

    private static Map<Target, Integer> s(int patch, int putKey, int rollback, int ingest, int deleteKey) {
        Map<Target, Integer> m = new EnumMap<>(Target.class);
        m.put(Target.PATCH_CONFIG, patch);
        m.put(Target.PUT_KEY, putKey);
        m.put(Target.ROLLBACK, rollback);
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
