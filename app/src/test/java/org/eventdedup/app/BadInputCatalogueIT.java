package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The bad input catalogue: one table of hostile or broken requests, each sent to every write endpoint of
 * the running application (config API, preview, ground truth, key test, ingest, sign-in and operators on the real
 * server and a fresh PostgreSQL database). For every pair the answer is the precise 4xx the table expects, a
 * problem+json body that names the field where there is one (and the access problem's type) and holds no stack trace,
 * exception class or internal path, and not one row of any table changes — except the operators' last sign-in time,
 * which every first use of valid Basic credentials records.
 *
 * <p>A cell is {@link #NA} where the input is legitimately accepted by that endpoint (e.g. unknown keys in an
 * ingested file, which the file format ignores); the table says why.
 *
 * <p>Requests that are expected to fail sign-in (401) go out from their own loopback address each
 * ({@link LoopbackClient}): failed sign-ins are limited per client address, and the catalogue's own admin requests
 * from 127.0.0.1 must not be throttled by them.
 */
@ExtendWith(FreshDatabaseExtension.class)
class BadInputCatalogueIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NA = -1;
    private static final int TEN_MIB = 10 * 1024 * 1024;
    private static final int KIB_64 = 64 * 1024;
    /** The password of every operator the catalogue adds. */
    private static final String PASSWORD = "catalogue-password-5d1e";
    private static final String SESSION_COOKIE = "event_dedup_session";

    /** What a response body must never contain: stack frames, class or package names, file paths, SQL state. */
    private static final Pattern LEAK = Pattern.compile("(?i)exception|\\bat [\\w$.]+\\(|\\b(org|com|java|javax"
            + "|jakarta|sun)\\.[a-z]|\\.java\\b|/home/|/tmp/|/work/|/root/|/usr/|postgres|psql|jdbc|hikari|jdbi"
            + "|jackson|javalin|jetty|StreamReadConstraints|sqlstate|syntax error at|argon|bouncy");

    /** The write endpoints and where each one's body puts a value. */
    enum Target {
        PATCH_CONFIG("PATCH", "/api/config", "{\"thresholds\": {\"high\": %s}}", "#/thresholds/high",
                "{\"category_weights\": {\"priority\": [%s]}}", "#/category_weights/priority/0", "0.81", KIB_64),
        /** The same merge patch as PATCH /api/config, validated the same way, never stored; viewers may send it. */
        PREVIEW("POST", "/api/config/preview", "{\"thresholds\": {\"high\": %s}}", "#/thresholds/high",
                "{\"category_weights\": {\"priority\": [%s]}}", "#/category_weights/priority/0", "0.81", KIB_64),
        PUT_KEY("PUT", "/api/config/ai-key", "{\"api_key\": %s}", "#/api_key", "{\"api_key\": %s}", "#/api_key",
                "\"AIza-catalogue-second-key\"", KIB_64),
        /** Tests the stored key: no body or {@code {}}; any field (a key to test, say) is refused. */
        KEY_TEST("POST", "/api/config/ai-key/test", "{\"api_key\": %s}", "#/api_key", "{\"api_key\": %s}",
                "#/api_key", null, KIB_64),
        ROLLBACK("POST", "/api/config/rollback", "{\"version\": %s}", "#/version", "{\"version\": %s}", "#/version",
                "1", KIB_64),
        GROUND_TRUTH("POST", "/api/ground-truth", "{\"pairs\": [[%s, \"catalogue-b\"]]}", "#/pairs/0/0",
                "{\"pairs\": [[%s, \"catalogue-b\"]]}", "#/pairs/0/0", "\"catalogue-a\"", 32 * 1024 * 1024),
        INGEST("POST", "/api/ingest", event("%s"), "#/events/0/title", event("%s"), "#/events/0/title",
                "\"Maifest auf dem Marktplatz\"", TEN_MIB),
        /**
         * Public. Its valid body is the admin's real password, so a bad request that got through would sign in and
         * leave a session row behind (a failure the snapshot sees) instead of counting as a failed sign-in.
         */
        LOGIN("POST", "/api/auth/login", "{\"username\": %s, \"password\": \"" + RunningApp.ADMIN_PASSWORD + "\"}",
                "#/username", "{\"username\": %s, \"password\": \"" + RunningApp.ADMIN_PASSWORD + "\"}", "#/username",
                "\"" + RunningApp.ADMIN_USER + "\"", KIB_64),
        ADD_OPERATOR("POST", "/api/operators", "{\"name\": %s, \"role\": \"viewer\", \"password\": \"" + PASSWORD
                + "\"}", "#/name", "{\"name\": %s, \"role\": \"viewer\", \"password\": \"" + PASSWORD + "\"}",
                "#/name", "\"cat-new\"", KIB_64),
        CHANGE_OPERATOR("PATCH", "/api/operators/cat-target", "{\"role\": %s}", "#/role", "{\"role\": %s}", "#/role",
                "\"editor\"", KIB_64),
        /** Takes no body: only the header, method and access cases apply. */
        DELETE_KEY("DELETE", "/api/config/ai-key", null, null, null, null, null, 0),
        /** Public, takes no body. */
        LOGOUT("POST", "/api/auth/logout", null, null, null, null, null, 0);

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

        /** Needs no sign-in (CONTRACTS §1). */
        boolean isPublic() {
            return this == LOGIN || this == LOGOUT;
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
                // an unknown field beside the admin's real credentials
                case LOGIN -> "{" + n + ": 1, " + valid().substring(1);
                case ADD_OPERATOR -> body(n);
                case CHANGE_OPERATOR -> body(n);
                case DELETE_KEY, LOGOUT -> throw new IllegalStateException("no body");
            };
        }

        /** Where the answer to {@link #hostileBody} points. */
        String hostilePointer(String name) {
            String escaped = name.replace("~", "~0").replace("/", "~1");
            return switch (this) {
                case PATCH_CONFIG, PREVIEW -> "#/category_weights/overrides/" + escaped;
                case PUT_KEY, KEY_TEST, LOGIN -> "#/" + escaped;
                case ROLLBACK -> "#/version";
                case GROUND_TRUTH -> "#/entities/" + escaped;
                case INGEST -> "#/events/0/title";
                case ADD_OPERATOR, CHANGE_OPERATOR -> slot;
                case DELETE_KEY, LOGOUT -> throw new IllegalStateException("no body");
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

        Request withPath(String value) {
            return new Request(method, value, headers, body, chunked);
        }

        Request asChunked() {
            return new Request(method, path, headers, body, true);
        }

        Request withQuery(String query) {
            return new Request(method, path + "?" + query, headers, body, chunked);
        }

        Request withBody(String contentType, String text) {
            return new Request(method, path, headers, utf8(text), chunked).with("Content-Type", contentType);
        }

        Request signedInAs(String name, String password) {
            return with("Authorization", basic(name + ":" + password));
        }
    }

    /**
     * One kind of bad input.
     *
     * @param expected    status per target; {@link #NA} where the input is acceptable there
     * @param pointer     the JSON pointer (or query parameter) the problem must name, null when there is no field
     * @param problemType how the problem's {@code type} must end, null when any type will do
     */
    record Case(String name, Function<Target, Request> request, Map<Target, Integer> expected,
                Function<Target, String> pointer, String problemType) {
        Case(String name, Function<Target, Request> request, Map<Target, Integer> expected,
             Function<Target, String> pointer) {
            this(name, request, expected, pointer, null);
        }
    }

    /** An answer, from either client. */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        static Reply of(HttpResponse<String> response) {
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            return new Reply(response.statusCode(), headers, response.body());
        }
    }

    private static RunningApp app;
    private static Jdbi jdbi;
    private static LoopbackClient loopback;

    @BeforeAll
    static void start(DatabaseSettings database, Jdbi db) {
        jdbi = db;
        // a key test that got through would fail fast here instead of calling Google
        app = RunningApp.start(database, Map.of(AppSettings.GEMINI_BASE_URL, "http://127.0.0.1:9/"));
        loopback = new LoopbackClient(app.uri("/"));
        // some state for every endpoint to leave alone: two config versions, a stored key, a queued file, an
        // imported ground truth, operators of each role
        assertThat(app.json("PATCH", "/api/config", "{\"thresholds\": {\"high\": 0.8}}").statusCode()).isEqualTo(200);
        assertThat(app.json("PUT", "/api/config/ai-key", "{\"api_key\": \"AIza-catalogue-first-key\"}")
                .statusCode()).isEqualTo(204);
        HttpResponse<String> queued = app.send(app.request("/api/ingest").header("Content-Type", "application/json")
                .header("X-File-Name", "seed_01.json").POST(HttpRequest.BodyPublishers.ofString(
                        Target.INGEST.body("\"Flohmarkt am Rathaus\""), StandardCharsets.UTF_8)).build());
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        HttpResponse<String> truth = app.json("POST", "/api/ground-truth", "{\"pairs\": [[\"seed-a\", \"seed-b\"]]}");
        assertThat(truth.statusCode()).as(truth.body()).isEqualTo(200);
        addOperator("cat-viewer", "viewer");
        addOperator("cat-editor", "editor");
        addOperator("cat-target", "viewer");
        // failed sign-ins are limited per name too: each target gets its own operators to fail with
        for (Target target : Target.values()) {
            if (!target.isPublic()) {
                addOperator(wrongPasswordOperator(target), "editor");
                addOperator(disabledOperator(target), "admin");
                HttpResponse<String> disabled = app.json("PATCH", "/api/operators/" + disabledOperator(target),
                        "{\"disabled\": true}");
                assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
            }
        }
    }

    private static void addOperator(String name, String role) {
        HttpResponse<String> added = app.json("POST", "/api/operators", "{\"name\": \"" + name + "\", \"role\": \""
                + role + "\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }

    private static String wrongPasswordOperator(Target target) {
        return "cat-wrong-" + target.ordinal();
    }

    private static String disabledOperator(Target target) {
        return "cat-disabled-" + target.ordinal();
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
        Map<String, String> before = snapshot();

        // a request meant to fail sign-in comes from an address of its own (see the class comment)
        Reply response = status == 401 ? loopback.send(request) : Reply.of(app.send(build(request)));

        String body = response.body();
        assertThat(response.status()).as("status; body: %s", shorten(body)).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("content type")
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body).as("no stack trace, class name or internal path").doesNotContainPattern(LEAK);
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        if (c.problemType() != null) {
            assertThat(problem.path("type").asText()).as("problem type").endsWith(c.problemType());
        }
        if (status == 401) {
            // a browser must never see a Basic challenge unless it sent Basic credentials itself
            assertThat(response.header("WWW-Authenticate")).as("challenge").hasValueSatisfying(challenge ->
                    assertThat(challenge).startsWith(request.headers().containsKey("Authorization") ? "Basic realm="
                            : "Session realm="));
        }
        String pointer = c.pointer().apply(target);
        // a failed sign-in never says which half of the credentials was wrong
        if (pointer != null && status != 401) {
            List<String> named = new ArrayList<>();
            problem.path("errors").forEach(e -> named.add(e.path("pointer").asText()));
            if (problem.has("parameter")) {
                named.add(problem.path("parameter").asText());
            }
            assertThat(named).as("fields named by %s", shorten(body)).contains(pointer);
        }
        assertThat(snapshot()).as("database unchanged").isEqualTo(before);
        assertThat(app.get("/health").statusCode()).as("still serving").isEqualTo(200);
    }

    /**
     * Every table of the schema but Flyway's → row count and a digest of all rows, operators without their last
     * sign-in time (the admin's and the viewer's Basic credentials legitimately record it when first verified).
     * Sessions are included: no request of the catalogue may create or touch one.
     */
    private static Map<String, String> snapshot() {
        return jdbi.withHandle(h -> {
            List<String> tables = h.createQuery("""
                            SELECT table_name FROM information_schema.tables
                             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                               AND table_name <> 'flyway_schema_history'
                             ORDER BY table_name""")
                    .mapTo(String.class).list();
            Map<String, String> digest = new TreeMap<>();
            for (String table : tables) {
                digest.put(table, h.createQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(r, '|' ORDER BY r)),"
                                + " '-') FROM (SELECT (to_jsonb(t) - 'last_login_at')::text AS r FROM \"" + table
                                + "\" t) rows")
                        .mapTo(String.class).one());
            }
            return digest;
        });
    }

    private static HttpRequest build(Request r) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(app.uri(r.path()))
                .timeout(java.time.Duration.ofSeconds(60));
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
        // columns of s(): PATCH_CONFIG PREVIEW PUT_KEY KEY_TEST ROLLBACK GROUND_TRUTH INGEST LOGIN ADD_OPERATOR
        // CHANGE_OPERATOR [DELETE_KEY LOGOUT]
        Map<Target, Integer> unreadable = s(400, 400, 400, 400, 400, 400, 422, 400, 400, 400);

        // -- framing: the same bytes to every endpoint
        // the key test takes no body at all: an empty one is its normal request
        all.add(new Case("empty body", t -> text(t, ""), s(400, 400, 400, NA, 400, 400, 422, 400, 400, 400),
                fileRoot));
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
        Map<Target, Integer> invalid = s(422, 422, 422, 422, 422, 422, 422, 422, 422, 422);
        all.add(new Case("huge exponent 1e400", t -> value(t, "1e400"), invalid, slot));
        all.add(new Case("30-digit integer", t -> value(t, "123456789012345678901234567890"), invalid, slot));
        all.add(new Case("negative number", t -> value(t, "-1"), invalid, slot));
        all.add(new Case("fraction", t -> value(t, "1.5"), invalid, slot));

        // -- wrong types where the value goes
        all.add(new Case("boolean value", t -> value(t, "true"), invalid, slot));
        all.add(new Case("object value", t -> value(t, "{\"value\": 1}"), invalid, slot));
        all.add(new Case("array value", t -> value(t, "[1]"), invalid, slot));
        // PATCH and preview: null resets thresholds.high to its default, a valid merge patch
        all.add(new Case("null value", t -> value(t, "null"), s(NA, NA, 422, 422, 422, 422, 422, 422, 422, 422),
                slot));
        // PUT ai-key, ground truth, ingest and a new operator: a string is what goes there ("0.8" is a well-formed
        // key, listing id, title and operator name); sign-in: a name no operator has (401, never which half)
        all.add(new Case("number as a string", t -> value(t, "\"0.8\""),
                s(422, 422, NA, 422, 422, NA, NA, 401, NA, 422), slot, null));
        // ingest: an empty title is part of the file format (it scores 0 against any other title)
        all.add(new Case("empty string", t -> value(t, "\"\""), s(422, 422, 422, 422, 422, 422, NA, 422, 422, 422),
                slot));
        all.add(new Case("100 levels of nesting", t -> value(t, "[".repeat(100) + "]".repeat(100)), unreadable,
                t -> t == Target.INGEST ? t.slot : null));
        all.add(new Case("10,000 levels of nesting", t -> text(t, "{\"a\": " + "[".repeat(10_000)
                + "]".repeat(10_000) + "}"), unreadable, fileRoot));

        // -- sizes
        // ground truth: its limit is 32 MiB (100,000 labelled listings are about 5 MiB), and a long string is a
        // well-formed (unknown) listing id; its own limit is the case after these
        Map<Target, Integer> over64k = s(413, 413, 413, 413, 413, NA, 413, 413, 413, 413);
        all.add(new Case("10 MiB body", t -> value(t, "\"" + "x".repeat(TEN_MIB) + "\""), over64k, none));
        all.add(new Case("10 MiB body, chunked (no Content-Length)", t -> value(t, "\"" + "x".repeat(TEN_MIB)
                + "\"").asChunked(), over64k, none));
        // ingest: 100 KiB is a small file there
        all.add(new Case("100 KiB body", t -> value(t, "\"" + "x".repeat(100 * 1024) + "\""),
                s(413, 413, 413, 413, 413, NA, NA, 413, 413, 413), none));
        Map<Target, Integer> tooLarge = s(413, 413, 413, 413, 413, 413, 413, 413, 413, 413);
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

        // -- strings: control characters and broken Unicode where a text goes (sign-in: a name no operator can
        // have is a wrong name, 401)
        all.add(new Case("unescaped newline in a string", t -> value(t, "\"a\nb\""), unreadable, fileRoot));
        Map<Target, Integer> brokenText = s(422, 422, 422, 422, 422, 422, 422, 401, 422, 422);
        all.add(new Case("escaped NUL in a text", t -> string(t, "\"a\\u0000b\""), brokenText, stringSlot));
        all.add(new Case("lone high surrogate in a text", t -> string(t, "\"a\\ud800b\""), brokenText, stringSlot));
        all.add(new Case("lone low surrogate in a text", t -> string(t, "\"a\\udc00\""), brokenText, stringSlot));
        // ground truth and ingest: listings are scraped text, their ids too; a stray control character is stored
        // and shown as text
        Map<Target, Integer> controlCharacter = s(422, 422, 422, 422, 422, NA, NA, 401, 422, 422);
        all.add(new Case("escape (ESC) sequence in a name", t -> string(t, "\"a\\u001b[31mb\""), controlCharacter,
                stringSlot));
        all.add(new Case("line break in a name", t -> string(t, "\"a\\nb\""), controlCharacter, stringSlot));

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
                ? "}" : ", " + t.valid().substring(1))), s(422, 422, 422, 422, 422, NA, NA, 422, 422, 422),
                t -> "#/zz_unknown"));
        all.add(new Case("unknown nested field", t -> text(t, "{\"thresholds\": {\"hihg\": 0.8}}"),
                s(422, 422, NA, NA, NA, NA, NA, NA, NA, NA), t -> "#/thresholds/hihg"));
        all.add(new Case("duplicate key", t -> text(t, duplicateKey(t)), unreadable, fileRoot));
        all.add(new Case("API key inside the document", t -> text(t, "{\"ai\": {\"api_key\": \"AIza-x\"}}"),
                s(422, 422, NA, NA, NA, NA, NA, NA, NA, NA), t -> "#/ai/api_key"));
        // preview: ignores ai_api_key (a client may send back what GET /api/config gave it); only PATCH stores it
        all.add(new Case("ai_api_key of the wrong type", t -> text(t, "{\"ai_api_key\": 12345}"),
                s(422, NA, NA, NA, NA, NA, NA, NA, NA, NA), t -> "#/ai_api_key"));

        // -- content types
        Map<Target, Integer> unsupported = s(415, 415, 415, 415, 415, 415, 415, 415, 415, 415);
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
        // PATCH, preview and an operator's change take a merge patch
        all.add(new Case("application/merge-patch+json", t -> valid(t).with("Content-Type",
                "application/merge-patch+json"), s(NA, NA, 415, 415, 415, 415, 415, 415, 415, NA), none));
        all.add(new Case("application/jsonx", t -> valid(t).with("Content-Type", "application/jsonx"), unsupported,
                none));
        // endpoints without a body too: a form post is how a foreign page writes without CORS
        all.add(new Case("form body a=1", t -> base(t).withBody("application/x-www-form-urlencoded", "a=1"),
                every(415), none));
        all.add(new Case("text body without a Content-Type", t -> base(t).withBody("text/plain", "{}")
                .with("Content-Type", null), every(415), none));

        // -- preconditions: only the config writes are versioned (the others take no If-Match)
        Map<Target, Integer> versioned = s(400, NA, 400, NA, 400, NA, NA, NA, NA, NA, 400, NA);
        all.add(new Case("If-Match without quotes", t -> valid(t).with("If-Match", "3"), versioned, none));
        all.add(new Case("If-Match with two tags", t -> valid(t).with("If-Match", "\"1\", \"2\""), versioned,
                none));
        all.add(new Case("stale If-Match", t -> valid(t).with("If-Match", "\"999\""),
                s(412, NA, 412, NA, 412, NA, NA, NA, NA, NA, 412, NA), none));
        // preview: ignores updated_at like ai_api_key
        all.add(new Case("updated_at that is not a time", t -> text(t, "{\"updated_at\": \"yesterday\","
                + " \"thresholds\": {\"high\": 0.81}}"), s(400, NA, NA, NA, NA, NA, NA, NA, NA, NA), none));
        all.add(new Case("stale updated_at", t -> text(t, "{\"updated_at\": \"2001-01-01T00:00:00Z\","
                + " \"thresholds\": {\"high\": 0.81}}"), s(409, NA, NA, NA, NA, NA, NA, NA, NA, NA), none));

        // -- methods
        all.add(new Case("another method", t -> valid(t).withMethod(switch (t) {
            case PATCH_CONFIG, PREVIEW, ROLLBACK, GROUND_TRUTH, INGEST, LOGIN, ADD_OPERATOR, CHANGE_OPERATOR -> "PUT";
            case PUT_KEY, DELETE_KEY -> "POST";
            case KEY_TEST, LOGOUT -> "GET";
        }), every(405), none));
        all.add(new Case("TRACE", t -> valid(t).withMethod("TRACE"), every(405), none));
        all.add(new Case("unknown method BREW", t -> valid(t).withMethod("BREW"), every(405), none));

        // -- query parameters: each endpoint reads only its own (ingest's name, the preview's listings), most none
        all.add(new Case("unknown query parameter", t -> valid(t).withQuery("nmae=x.json"), every(400),
                t -> "nmae"));
        all.add(new Case("upload name with a path", t -> valid(t).with("X-File-Name", "../up_01.json"),
                only(Target.INGEST, 400), t -> "name"));
        all.add(new Case("upload without a name", t -> valid(t).with("X-File-Name", null), only(Target.INGEST, 400),
                t -> "name"));
        for (String bad : List.of("0", "50001", "-1", "abc", "1.5", "", "1e3", "%2B5", "5%20",
                "99999999999999999999", "5&listings=6")) {
            all.add(new Case("listings=" + bad, t -> valid(t).withQuery("listings=" + bad),
                    only(Target.PREVIEW, 400), listings));
        }

        // -- sign-in and operators
        all.add(new Case("missing password", t -> text(t, t == Target.LOGIN ? "{\"username\": \"admin\"}"
                : "{\"name\": \"cat-new\", \"role\": \"viewer\"}"), s(NA, NA, NA, NA, NA, NA, NA, 422, 422, NA),
                t -> "#/password"));
        all.add(new Case("password of the wrong type", t -> text(t, switch (t) {
            case LOGIN -> "{\"username\": \"admin\", \"password\": 12345678}";
            case ADD_OPERATOR -> "{\"name\": \"cat-new\", \"role\": \"viewer\", \"password\": [\"" + PASSWORD + "\"]}";
            default -> "{\"password\": true}";
        }), s(NA, NA, NA, NA, NA, NA, NA, 422, 422, 422), t -> "#/password"));
        all.add(new Case("password of 7 characters", t -> text(t, password(t, "seven77")),
                s(NA, NA, NA, NA, NA, NA, NA, NA, 422, 422), t -> "#/password"));
        all.add(new Case("password of 1,025 characters", t -> text(t, password(t, "p".repeat(1025))),
                s(NA, NA, NA, NA, NA, NA, NA, NA, 422, 422), t -> "#/password"));
        all.add(new Case("password with an unpaired surrogate", t -> text(t, password(t,
                "catalogue\\ud800password")), s(NA, NA, NA, NA, NA, NA, NA, NA, 422, 422), t -> "#/password"));
        all.add(new Case("unknown role", t -> text(t, t == Target.ADD_OPERATOR ? "{\"name\": \"cat-new\", \"role\":"
                + " \"root\", \"password\": \"" + PASSWORD + "\"}" : "{\"role\": \"root\"}"),
                s(NA, NA, NA, NA, NA, NA, NA, NA, 422, 422), t -> "#/role"));
        all.add(new Case("role in capitals", t -> text(t, t == Target.ADD_OPERATOR ? "{\"name\": \"cat-new\","
                + " \"role\": \"Admin\", \"password\": \"" + PASSWORD + "\"}" : "{\"role\": \"Admin\"}"),
                s(NA, NA, NA, NA, NA, NA, NA, NA, 422, 422), t -> "#/role"));
        all.add(new Case("disabled of the wrong type", t -> text(t, "{\"disabled\": \"yes\"}"),
                only(Target.CHANGE_OPERATOR, 422), t -> "#/disabled"));
        all.add(new Case("nothing to change", t -> text(t, "{}"), only(Target.CHANGE_OPERATOR, 422), none));
        all.add(new Case("operator name of 65 characters", t -> value(t, quote("o".repeat(65))),
                only(Target.ADD_OPERATOR, 422), slot));
        all.add(new Case("operator name with a space", t -> value(t, "\"cat new\""), only(Target.ADD_OPERATOR, 422),
                slot));
        all.add(new Case("operator name taken (other letter case)", t -> value(t, "\"ADMIN\""),
                only(Target.ADD_OPERATOR, 409), none));
        all.add(new Case("demoting the last admin", t -> valid(t).withPath("/api/operators/admin"),
                only(Target.CHANGE_OPERATOR, 409), none));
        all.add(new Case("disabling the last admin", t -> text(t, "{\"disabled\": true}")
                .withPath("/api/operators/admin"), only(Target.CHANGE_OPERATOR, 409), none));
        all.add(new Case("unknown operator", t -> valid(t).withPath("/api/operators/nobody"),
                only(Target.CHANGE_OPERATOR, 404), none));
        // Jetty refuses a NUL anywhere in the path before any route sees it
        all.add(new Case("operator name with NUL in the path", t -> valid(t).withPath("/api/operators/cat%00target"),
                only(Target.CHANGE_OPERATOR, 400), none));
        all.add(new Case("operator name with a control character in the path", t -> valid(t)
                .withPath("/api/operators/cat%1Btarget"), only(Target.CHANGE_OPERATOR, 404), none));
        all.add(new Case("5,000-character operator name in the path", t -> valid(t)
                .withPath("/api/operators/" + "o".repeat(5000)), only(Target.CHANGE_OPERATOR, 404), none));
        all.add(new Case("5,000-character username", t -> value(t, quote("u".repeat(5000))),
                only(Target.LOGIN, 401), none));
        all.add(new Case("60 KiB password", t -> text(t, "{\"username\": \"cat-wrong-login\", \"password\": \""
                + "p".repeat(60 * 1024) + "\"}"), only(Target.LOGIN, 401), none));

        // -- access (CONTRACTS §1): who may write; sign-in and sign-out are public
        String unauthenticated = "/unauthenticated";
        Map<Target, Integer> signedIn = every(401, Target.LOGIN, Target.LOGOUT);
        all.add(new Case("no credentials", t -> valid(t).with("Authorization", null), signedIn, none,
                unauthenticated));
        all.add(new Case("wrong password", t -> valid(t).signedInAs(wrongPasswordOperator(t), "not-" + PASSWORD),
                signedIn, none, unauthenticated));
        all.add(new Case("unknown operator's credentials", t -> valid(t).signedInAs("nobody-" + t.ordinal(),
                PASSWORD), signedIn, none, unauthenticated));
        all.add(new Case("disabled operator's credentials", t -> valid(t).signedInAs(disabledOperator(t), PASSWORD),
                signedIn, none, unauthenticated));
        all.add(new Case("Authorization: Bearer", t -> valid(t).with("Authorization", "Bearer abc.def.ghi"),
                signedIn, none, unauthenticated));
        all.add(new Case("Basic with broken base64", t -> valid(t).with("Authorization", "Basic %%%not-base64"),
                signedIn, none, unauthenticated));
        all.add(new Case("Basic without a colon", t -> valid(t).with("Authorization", basic("admin")), signedIn,
                none, unauthenticated));
        all.add(new Case("Basic with an empty password", t -> valid(t).with("Authorization", basic("admin:")),
                signedIn, none, unauthenticated));
        all.add(new Case("Basic with NUL in the name", t -> valid(t).with("Authorization", basic("ad\u0000min" + t.ordinal()
                + ":" + RunningApp.ADMIN_PASSWORD)), signedIn, none, unauthenticated));
        all.add(new Case("Basic with a 5,000-character name", t -> valid(t).with("Authorization",
                basic("n".repeat(5000) + t.ordinal() + ":" + PASSWORD)), signedIn, none, unauthenticated));
        all.add(new Case("unknown session cookie", t -> valid(t).with("Authorization", null).with("Cookie",
                SESSION_COOKIE + "=" + "A".repeat(43)), signedIn, none, unauthenticated));
        all.add(new Case("malformed session cookie", t -> valid(t).with("Authorization", null).with("Cookie",
                SESSION_COOKIE + "=' OR 1=1 --"), signedIn, none, unauthenticated));
        // viewers read and preview; operators are the admins' business
        all.add(new Case("a viewer writing", t -> valid(t).signedInAs("cat-viewer", PASSWORD),
                every(403, Target.PREVIEW, Target.LOGIN, Target.LOGOUT), none, "/forbidden"));
        all.add(new Case("an editor managing operators", t -> valid(t).signedInAs("cat-editor", PASSWORD),
                s(NA, NA, NA, NA, NA, NA, NA, NA, 403, 403), none, "/forbidden"));
        // CSRF: a browser's request from another origin changes nothing, public endpoints included
        String crossOrigin = "/cross-origin";
        all.add(new Case("foreign Origin", t -> valid(t).with("Origin", "http://evil.example"), every(403), none,
                crossOrigin));
        all.add(new Case("Origin null (sandboxed frame)", t -> valid(t).with("Origin", "null"), every(403), none,
                crossOrigin));
        all.add(new Case("Origin of another port", t -> valid(t).with("Origin", "http://127.0.0.1:1"), every(403),
                none, crossOrigin));
        all.add(new Case("Origin over https", t -> valid(t).with("Origin", "https://" + hostAndPort()), every(403),
                none, crossOrigin));
        all.add(new Case("Sec-Fetch-Site: cross-site", t -> valid(t).with("Sec-Fetch-Site", "cross-site"),
                every(403), none, crossOrigin));
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
            case LOGIN -> "{\"username\": \"nobody\", \"username\": \"admin\", \"password\": \""
                    + RunningApp.ADMIN_PASSWORD + "\"}";
            case ADD_OPERATOR -> "{\"name\": \"cat-a\", \"name\": \"cat-b\", \"role\": \"viewer\", \"password\": \""
                    + PASSWORD + "\"}";
            case CHANGE_OPERATOR -> "{\"role\": \"viewer\", \"role\": \"admin\"}";
            case DELETE_KEY, LOGOUT -> throw new IllegalStateException("no body");
        };
    }

    /** A new operator's or an operator change's body with {@code jsonText} (already escaped) as the password. */
    private static String password(Target t, String jsonText) {
        return t == Target.ADD_OPERATOR
                ? "{\"name\": \"cat-new\", \"role\": \"viewer\", \"password\": \"" + jsonText + "\"}"
                : "{\"password\": \"" + jsonText + "\"}";
    }

    /** The target's body with a string value long enough to make it exactly one byte over its limit. */
    private static Request overLimit(Target t) {
        int around = utf8(t.body("\"\"")).length;
        return value(t, "\"" + "x".repeat(t.maxBytes + 1 - around) + "\"");
    }

    /**
     * Statuses in the order of {@link Target}: the ten endpoints with a body, optionally followed by the two
     * without one (else {@link #NA} for those).
     */
    private static Map<Target, Integer> s(int... statuses) {
        Target[] targets = Target.values();
        long withBody = Arrays.stream(targets).filter(Target::hasBody).count();
        if (statuses.length != withBody && statuses.length != targets.length) {
            throw new IllegalArgumentException("a row has " + statuses.length + " statuses");
        }
        Map<Target, Integer> m = new EnumMap<>(Target.class);
        for (int i = 0; i < targets.length; i++) {
            m.put(targets[i], i < statuses.length ? statuses[i] : NA);
        }
        return m;
    }

    /** The same status at every endpoint but {@code notApplicable}. */
    private static Map<Target, Integer> every(int status, Target... notApplicable) {
        Map<Target, Integer> m = new EnumMap<>(Target.class);
        for (Target target : Target.values()) {
            m.put(target, status);
        }
        for (Target target : notApplicable) {
            m.put(target, NA);
        }
        return m;
    }

    private static Map<Target, Integer> only(Target target, int status) {
        Map<Target, Integer> m = every(NA);
        m.put(target, status);
        return m;
    }

    /** The target's method and path with the admin's credentials (the bootstrap admin of {@link RunningApp}). */
    private static Request base(Target t) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", basic(RunningApp.ADMIN_USER + ":" + RunningApp.ADMIN_PASSWORD));
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

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(utf8(credentials));
    }

    private static String hostAndPort() {
        URI base = app.uri("/");
        return base.getHost() + ":" + base.getPort();
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

    /**
     * HTTP/1.1 over a socket bound to a loopback address of its own per request (127.0.0.2, 127.0.0.3, …; Linux
     * routes all of 127/8 to the loopback interface), so the server sees each request from another client address.
     * Only for small bodies: the request is written whole before the answer is read.
     */
    static final class LoopbackClient {
        private final URI base;
        private final AtomicInteger next = new AtomicInteger();

        LoopbackClient(URI base) {
            this.base = base;
        }

        Reply send(Request r) throws IOException {
            int n = next.getAndIncrement();
            InetAddress local = InetAddress.getByAddress(new byte[] {127, 0, (byte) (n / 250), (byte) (2 + n % 250)});
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(local, 0));
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
                socket.setSoTimeout(60_000);
                StringBuilder head = new StringBuilder(r.method() + " " + r.path() + " HTTP/1.1\r\n");
                head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
                head.append("Connection: close\r\n");
                r.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
                byte[] body = r.body() == null ? new byte[0] : r.body();
                if (r.chunked()) {
                    head.append("Transfer-Encoding: chunked\r\n");
                } else {
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
                head.append("\r\n");
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (r.chunked()) {
                    out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(body);
                }
                out.flush();
                return parse(socket.getInputStream().readAllBytes());
            }
        }

        private static Reply parse(byte[] raw) throws IOException {
            String all = new String(raw, StandardCharsets.ISO_8859_1);
            int end = all.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IOException("no complete answer: " + shorten(all));
            }
            String[] lines = all.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
            }
            byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
            if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
                body = dechunk(body);
            }
            return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static byte[] dechunk(byte[] chunked) throws IOException {
            InputStream in = new ByteArrayInputStream(chunked);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                StringBuilder size = new StringBuilder();
                int c;
                while ((c = in.read()) != '\n') {
                    if (c < 0) {
                        throw new IOException("truncated chunk");
                    }
                    if (c != '\r') {
                        size.append((char) c);
                    }
                }
                int length = Integer.parseInt(size.toString().split(";")[0].strip(), 16);
                if (length == 0) {
                    return out.toByteArray();
                }
                out.writeBytes(in.readNBytes(length));
                in.readNBytes(2);
            }
        }
    }
}
