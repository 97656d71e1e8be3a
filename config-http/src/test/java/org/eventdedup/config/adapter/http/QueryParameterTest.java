package org.eventdedup.config.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.config.adapter.http.ConfigReadEndpointsTest.assertProblem;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every route of the config API reads only its documented query parameters (history's {@code limit} and
 * {@code before}, none elsewhere): any other name, or one given twice, is a 400 naming it, before anything changes.
 */
class QueryParameterTest {
    private TestServer server;
    /** A session of the admin's, for sign-out. */
    private String cookie;

    /**
     * One route with a request it accepts (as the admin; the session cookie where it needs one).
     *
     * @param body JSON, or null for none
     */
    record Route(String method, String path, String body, int accepted) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Route> routes() {
        return Stream.of(
                new Route("GET", "/api/config", null, 200),
                new Route("HEAD", "/api/config", null, 200),
                new Route("PATCH", "/api/config", "{\"thresholds\":{\"high\":0.9}}", 200),
                new Route("PUT", "/api/config/ai-key", "{\"api_key\":\"" + TestServer.key("q") + "\"}", 204),
                new Route("DELETE", "/api/config/ai-key", null, 204),
                new Route("GET", "/api/config/defaults", null, 200),
                new Route("GET", "/api/config/schema", null, 200),
                new Route("GET", "/api/config/history", null, 200),
                new Route("GET", "/api/config/history/1", null, 200),
                new Route("POST", "/api/config/rollback", "{\"version\":1}", 200),
                new Route("POST", "/api/auth/login", "{\"username\":\"" + TestServer.ADMIN + "\",\"password\":\""
                        + TestServer.password(TestServer.ADMIN).reveal() + "\"}", 200),
                new Route("POST", "/api/auth/logout", null, 204),
                new Route("GET", "/api/auth/me", null, 200),
                new Route("GET", "/api/operators", null, 200),
                new Route("POST", "/api/operators", "{\"name\":\"newcomer\",\"role\":\"viewer\",\"password\":"
                        + "\"newcomer-password\"}", 201),
                new Route("PATCH", "/api/operators/" + TestServer.VIEWER, "{\"disabled\":true}", 200));
    }

    @BeforeEach
    void start() {
        server = TestServer.start();
        // two versions and a stored key, so that rollback, the history and key removal have something to change
        assertThat(server.patch("{\"thresholds\":{\"high\":0.8}}").status()).isEqualTo(200);
        assertThat(server.putJson("/api/config/ai-key", "{\"api_key\":\"" + TestServer.key("first") + "\"}")
                .status()).isEqualTo(204);
        HttpResult login = server.anonymous().postJson("/api/auth/login", "{\"username\":\"" + TestServer.ADMIN
                + "\",\"password\":\"" + TestServer.password(TestServer.ADMIN).reveal() + "\"}");
        assertThat(login.status()).isEqualTo(200);
        cookie = login.header("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResult send(Route route, String query) {
        String path = query == null ? route.path() : route.path() + "?" + query;
        return server.admin().send(route.method(), path, route.body() == null ? null : "application/json",
                route.body() == null ? BodyPublishers.noBody() : BodyPublishers.ofString(route.body()),
                "Cookie", cookie);
    }

    /** What any of the routes could change: config, key, history, operators (sign-in times aside), sessions. */
    private String state() {
        var config = server.service.current();
        return config.version() + " " + config.hasApiKey() + " " + server.service.history(500, null).size() + " "
                + server.access.list().stream().map(o -> o.name() + ":" + o.role() + ":" + o.disabled()).toList()
                + " " + server.accessStore.sessionIds();
    }

    @org.junit.jupiter.api.Test
    void probes_ignore_any_query_so_a_monitors_cache_buster_cannot_fail_them() {
        for (String probe : new String[] {"/health?x=1", "/ready?_=1732600000&_=2"}) {
            HttpResult r = server.anonymous().get(probe);
            assertThat(r.status()).as(probe).isEqualTo(200);
        }
        server.ready.set(false);
        assertThat(server.anonymous().get("/ready?x=1").status()).isEqualTo(503);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void an_unknown_query_parameter_is_a_400_naming_it_and_changes_nothing(Route route) {
        String before = state();

        HttpResult r = send(route, "x=1");

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (!route.method().equals("HEAD")) {
            assertProblem(r, 400);
            assertThat(r.json()).containsEntry("parameter", "x");
            assertThat((String) r.json().get("detail")).contains("'x'");
        }
        assertThat(state()).isEqualTo(before);
        // the same request without it is accepted: the parameter alone was refused
        assertThat(send(route, null).status()).isEqualTo(route.accepted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "x=", "LIMIT=5", "limit=5&x=1", "x=1&limit=5", "limt=5", "before=2&befor=1"})
    void history_reads_only_limit_and_before(String query) {
        HttpResult r = server.get("/api/config/history?" + query);

        assertThat(r.status()).isEqualTo(400);
        assertProblem(r, 400);
        String named = (String) r.json().get("parameter");
        assertThat(named).isNotIn("limit", "before");
        assertThat((String) r.json().get("detail")).contains("'" + named + "'").contains("use before, limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=1&limit=2", "before=2&before=2"})
    void a_parameter_given_twice_is_a_400_naming_it(String query) {
        HttpResult r = server.get("/api/config/history?" + query);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json()).containsEntry("parameter", query.substring(0, query.indexOf('=')));
        assertThat((String) r.json().get("detail")).contains("only once");
    }

    @Test
    void an_empty_query_is_no_parameter() {
        assertThat(server.get("/api/config?").status()).isEqualTo(200);
        assertThat(server.get("/api/config/history?limit=1&before=2").jsonList()).hasSize(1);
    }

    @Test
    void a_long_or_odd_name_is_shown_shortened_without_control_characters() {
        HttpResult r = server.get("/api/config?" + "n".repeat(100) + "%07=1");

        assertThat(r.status()).isEqualTo(400);
        assertThat((String) r.json().get("parameter")).isEqualTo("n".repeat(40) + "…");
        HttpResult control = server.get("/api/config?a%07b=1");
        assertThat(control.json()).containsEntry("parameter", "a?b");
    }
}
