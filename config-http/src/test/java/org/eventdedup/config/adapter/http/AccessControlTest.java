package org.eventdedup.config.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may call what (CONTRACTS §1): every route × every role, the challenges, CSRF, and paths that try to slip by. */
class AccessControlTest {

    enum Who { ANONYMOUS, VIEWER, EDITOR, ADMIN }

    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.withStaticFiles("/test-web");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** method, path, JSON body (null for none), the least role that may call it. */
    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("GET", "/api/config", null, Who.VIEWER),
                Arguments.of("HEAD", "/api/config", null, Who.VIEWER),
                Arguments.of("GET", "/api/config/defaults", null, Who.VIEWER),
                Arguments.of("GET", "/api/config/schema", null, Who.VIEWER),
                Arguments.of("GET", "/api/config/history", null, Who.VIEWER),
                Arguments.of("GET", "/api/config/history/1", null, Who.VIEWER),
                Arguments.of("GET", "/api/auth/me", null, Who.VIEWER),
                Arguments.of("GET", "/api/not-a-route", null, Who.VIEWER),
                Arguments.of("POST", "/api/config/preview", "{}", Who.VIEWER),
                Arguments.of("PATCH", "/api/config", "{}", Who.EDITOR),
                Arguments.of("PUT", "/api/config/ai-key", "{}", Who.EDITOR),
                Arguments.of("DELETE", "/api/config/ai-key", null, Who.EDITOR),
                Arguments.of("POST", "/api/config/rollback", "{}", Who.EDITOR),
                Arguments.of("POST", "/api/ingest", "{}", Who.EDITOR),
                Arguments.of("POST", "/api/not-a-route", "{}", Who.EDITOR),
                Arguments.of("GET", "/api/operators", null, Who.ADMIN),
                Arguments.of("POST", "/api/operators", "{}", Who.ADMIN),
                Arguments.of("PATCH", "/api/operators/viewer", "{}", Who.ADMIN));
    }

    @ParameterizedTest(name = "{0} {1} needs {3}")
    @MethodSource("routes")
    void every_route_answers_401_403_or_serves_by_role(String method, String path, String body, Who least) {
        List<String> failures = new ArrayList<>();
        for (Who who : Who.values()) {
            HttpResult r = client(who).send(method, path, body == null ? null : "application/json",
                    body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
            int expected = who == Who.ANONYMOUS ? 401 : who.compareTo(least) < 0 ? 403 : -1;
            boolean ok = expected == -1 ? r.status() != 401 && r.status() != 403 : r.status() == expected;
            if (!ok) {
                failures.add(who + " got " + r.status() + " " + r.body());
            }
            if (expected == 401 || expected == 403) {
                assertThat(r.contentType()).startsWith("application/problem+json");
                if (!method.equals("HEAD")) {
                    assertThat(r.json().get("type").toString())
                            .endsWith(expected == 401 ? "/unauthenticated" : "/forbidden");
                    assertThat(r.json()).containsEntry("status", expected);
                }
            }
        }
        assertThat(failures).as(method + " " + path).isEmpty();
    }

    private TestServer.Client client(Who who) {
        return switch (who) {
            case ANONYMOUS -> server.anonymous();
            case VIEWER -> server.viewer();
            case EDITOR -> server.as(TestServer.EDITOR);
            case ADMIN -> server.admin();
        };
    }

    @Test
    void health_readiness_static_files_sign_in_and_sign_out_need_no_sign_in() {
        TestServer.Client anonymous = server.anonymous();

        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/ready").status()).isEqualTo(200);
        assertThat(anonymous.get("/").status()).isEqualTo(200);
        assertThat(anonymous.get("/index.html").status()).isEqualTo(200);
        assertThat(anonymous.postJson("/api/auth/login", "{\"username\":\"viewer\",\"password\":\"viewer-password\"}")
                .status()).isEqualTo(200);
        assertThat(anonymous.postJson("/api/auth/logout", "{}").status()).isEqualTo(204);
        assertThat(anonymous.send("POST", "/api/auth/logout", null, BodyPublishers.noBody()).status())
                .isEqualTo(204);
    }

    @Test
    void a_forbidden_answer_names_the_role_and_what_it_needs() {
        HttpResult r = server.viewer().patch("{}");

        assertThat(r.status()).isEqualTo(403);
        assertThat((String) r.json().get("detail")).contains("viewer").contains("editor");
    }

    // ---- WWW-Authenticate

    @Test
    void without_authorization_the_challenge_is_session_so_browsers_show_no_basic_dialog() {
        HttpResult r = server.anonymous().get("/api/config");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("Session realm=\"event-dedup\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dmlld2VyOndyb25n", "Bearer abc", "Basic !!!", "Basic dmlld2Vy", "Basic Og==",
            "Basic dmlld2VyOg==", "Digest username=\"viewer\""})
    void with_bad_authorization_the_challenge_is_basic(String authorization) {
        HttpResult r = server.withAuthorization(authorization).get("/api/config");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("Basic realm=\"event-dedup\"");
        assertThat(r.json().get("type").toString()).endsWith("/unauthenticated");
    }

    @Test
    void basic_credentials_win_over_a_session_cookie() {
        String cookie = sessionCookie(server.anonymous().postJson("/api/auth/login",
                "{\"username\":\"admin\",\"password\":\"admin-password\"}"));

        HttpResult r = server.viewer().get("/api/auth/me", "Cookie", cookie);

        assertThat(r.json()).containsEntry("name", TestServer.VIEWER);
    }

    static String sessionCookie(HttpResult login) {
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String setCookie = login.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream()).filter(c -> c.startsWith(AccessControl.SESSION_COOKIE + "="))
                .findFirst().orElseThrow();
        return setCookie.split(";")[0];
    }

    // ---- paths that must not slip past the gate

    @ParameterizedTest
    @ValueSource(strings = {"/api/config/", "//api/config", "/api//config", "/%61pi/config", "/API/config",
            "/api", "/api/", "/api/auth/login/extra", "/api/auth/me/"})
    void look_alike_api_paths_need_a_sign_in_too(String path) {
        HttpResult r = server.anonymous().get(path);

        assertThat(r.status()).as(path).isIn(400, 401);
    }

    @Test
    void the_canonical_path_is_decoded_and_collapsed() {
        assertThat(AccessControl.canonicalPath("//api///config/")).isEqualTo("/api/config");
        assertThat(AccessControl.canonicalPath("/%61pi/config")).isEqualTo("/api/config");
        assertThat(AccessControl.isApi("/API/x")).isTrue();
        assertThat(AccessControl.isApi("/apiary")).isFalse();
        assertThat(AccessControl.isApi("/app.js")).isFalse();
    }

    // ---- CSRF

    @Test
    void a_foreign_origin_may_not_change_anything() {
        HttpResult r = server.patch("{\"thresholds\":{\"high\":0.8}}", "Origin", "http://evil.example");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("type").toString()).endsWith("/cross-origin");
        assertThat(server.get("/api/config").json()).containsEntry("version", 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "http://127.0.0.1", "https://127.0.0.1:%d", "http://127.0.0.1:%d.evil.example",
            "http://localhost:%d"})
    void an_origin_other_than_the_servers_own_is_refused(String origin) {
        HttpResult r = server.patch("{}", "Origin", origin.formatted(server.server.port()));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("type").toString()).endsWith("/cross-origin");
    }

    @Test
    void the_servers_own_origin_may_change_things() {
        String own = "http://127.0.0.1:" + server.server.port();

        assertThat(server.patch("{\"thresholds\":{\"high\":0.8}}", "Origin", own).status()).isEqualTo(200);
        assertThat(server.patch("{\"thresholds\":{\"high\":0.81}}", "Origin", own.toUpperCase(java.util.Locale.ROOT))
                .status()).isEqualTo(200);
    }

    @Test
    void behind_a_tls_proxy_the_forwarded_scheme_and_host_make_the_origin() {
        HttpResult r = server.patch("{\"thresholds\":{\"high\":0.8}}", "Origin", "https://dedup.example",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "dedup.example:443");

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void sec_fetch_site_cross_site_is_refused_and_same_origin_allowed() {
        assertThat(server.patch("{}", "Sec-Fetch-Site", "cross-site").status()).isEqualTo(403);
        assertThat(server.patch("{}", "Sec-Fetch-Site", "same-origin").status()).isEqualTo(200);
        assertThat(server.get("/api/config", "Sec-Fetch-Site", "cross-site").status())
                .as("reads change nothing").isEqualTo(200);
    }

    @Test
    void a_cross_site_sign_in_is_refused_too() {
        HttpResult r = server.anonymous().postJson("/api/auth/login",
                "{\"username\":\"admin\",\"password\":\"admin-password\"}", "Origin", "http://evil.example");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("Set-Cookie"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/jsonx"})
    void a_state_changing_body_must_be_json(String contentType) {
        for (String path : List.of("/api/config/rollback", "/api/auth/login", "/api/operators", "/api/ingest")) {
            HttpResult r = server.admin().send("POST", path, contentType, BodyPublishers.ofString("{\"version\":1}"));

            assertThat(r.status()).as(path).isEqualTo(415);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void a_body_without_content_type_is_refused_and_no_body_needs_none() {
        HttpResult r = server.send("POST", "/api/config/rollback", null, BodyPublishers.ofString("{\"version\":1}"));

        assertThat(r.status()).isEqualTo(415);
        assertThat(server.delete("/api/config/ai-key").status()).isEqualTo(204);
    }

    @Test
    void merge_patch_is_accepted_where_the_endpoint_takes_it() {
        HttpResult r = server.send("PATCH", "/api/config", "application/merge-patch+json",
                BodyPublishers.ofString("{\"thresholds\":{\"high\":0.8}}"));

        assertThat(r.status()).isEqualTo(200);
    }
}
