package org.eventdedup.config.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** /api/auth/login, /logout and /me; session cookies and their expiry; rate limiting; what is logged. */
class SignInEndpointsTest {

    private TestServer server;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger accessLog = (Logger) LoggerFactory.getLogger(AccessControl.class);

    @BeforeEach
    void start() {
        server = TestServer.start();
        logs.start();
        accessLog.addAppender(logs);
    }

    @AfterEach
    void stop() {
        accessLog.detachAppender(logs);
        server.close();
    }

    private HttpResult login(String name, String password, String... headers) {
        return server.anonymous().postJson("/api/auth/login",
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\"}", headers);
    }

    private static String setCookie(HttpResult r) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(e -> e.getValue().stream()).findFirst().orElseThrow();
    }

    private HttpResult me(String cookie) {
        return server.anonymous().get("/api/auth/me", "Cookie", cookie);
    }

    @Test
    void login_answers_who_and_sets_a_strict_http_only_session_cookie() {
        HttpResult r = login("editor", "editor-password");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).containsOnlyKeys("name", "role").containsEntry("name", "editor").containsEntry("role", "editor");
        String cookie = setCookie(r);
        assertThat(cookie).matches("event_dedup_session=[A-Za-z0-9_-]{43};.*");
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .containsIgnoringCase("Path=/").doesNotContainIgnoringCase("Secure");
        assertThat(r.header("Cache-Control")).contains("no-store");
    }

    @Test
    void over_https_the_cookie_is_secure() {
        HttpResult r = login("editor", "editor-password", "X-Forwarded-Proto", "https");

        assertThat(setCookie(r)).containsIgnoringCase("; Secure");
    }

    @Test
    void the_cookie_signs_requests_in_with_the_operators_role() {
        String viewer = AccessControlTest.sessionCookie(login("viewer", "viewer-password"));
        String editor = AccessControlTest.sessionCookie(login("editor", "editor-password"));

        assertThat(me(viewer).json()).containsEntry("name", "viewer").containsEntry("role", "viewer");
        assertThat(server.anonymous().get("/api/config", "Cookie", viewer).status()).isEqualTo(200);
        assertThat(server.anonymous().patch("{}", "Cookie", viewer).status()).isEqualTo(403);
        HttpResult saved = server.anonymous().patch("{\"thresholds\":{\"high\":0.8}}", "Cookie", editor);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json()).containsEntry("updated_by", "editor");
    }

    @Test
    void the_token_is_stored_only_as_its_hash() {
        String cookie = AccessControlTest.sessionCookie(login("editor", "editor-password"));
        String token = cookie.substring(cookie.indexOf('=') + 1);

        assertThat(server.accessStore.sessionIds()).hasSize(1).doesNotContain(token)
                .allMatch(id -> id.matches("[0-9a-f]{64}"));
    }

    @Test
    void logout_ends_the_session_and_clears_the_cookie() {
        String cookie = AccessControlTest.sessionCookie(login("editor", "editor-password"));

        HttpResult out = server.anonymous().send("POST", "/api/auth/logout", null, BodyPublishers.noBody(),
                "Cookie", cookie);

        assertThat(out.status()).isEqualTo(204);
        assertThat(setCookie(out)).startsWith("event_dedup_session=;").containsIgnoringCase("Max-Age=0");
        HttpResult after = me(cookie);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate").orElseThrow()).contains("Session");
        assertThat(server.accessStore.sessionIds()).isEmpty();
    }

    @Test
    void a_session_ends_after_30_idle_minutes() {
        String cookie = AccessControlTest.sessionCookie(login("editor", "editor-password"));

        server.accessClock.advance(Duration.ofMinutes(29));
        assertThat(me(cookie).status()).isEqualTo(200);
        server.accessClock.advance(Duration.ofMinutes(29));
        assertThat(me(cookie).status()).as("used 29 min ago").isEqualTo(200);
        server.accessClock.advance(Duration.ofMinutes(30));

        HttpResult r = me(cookie);
        assertThat(r.status()).isEqualTo(401);
        assertThat((String) r.json().get("detail")).contains("sign in again");
    }

    @Test
    void a_session_in_use_ends_12_hours_after_sign_in() {
        String cookie = AccessControlTest.sessionCookie(login("editor", "editor-password"));
        for (int i = 1; i < 12 * 4; i++) {
            server.accessClock.advance(Duration.ofMinutes(15));
            assertThat(me(cookie).status()).as("after %d min", i * 15).isEqualTo(200);
        }
        server.accessClock.advance(Duration.ofMinutes(15));

        assertThat(me(cookie).status()).isEqualTo(401);
    }

    @Test
    void a_forged_or_garbled_cookie_is_a_401() {
        for (String cookie : List.of("event_dedup_session=" + "A".repeat(43), "event_dedup_session=",
                "event_dedup_session=%00%0d%0a", "other=1")) {
            assertThat(me(cookie).status()).as(cookie).isEqualTo(401);
        }
    }

    @Test
    void me_works_with_basic_credentials() {
        assertThat(server.admin().get("/api/auth/me").json()).containsEntry("name", "admin")
                .containsEntry("role", "admin");
    }

    // ---- failures

    @Test
    void wrong_password_unknown_name_and_disabled_operator_get_the_same_401() {
        server.admin().patchJson("/api/operators/viewer", "{\"disabled\":true}");
        List<HttpResult> failures = List.of(login("editor", "wrong-password"), login("nobody", "editor-password"),
                login("viewer", "viewer-password"));

        for (HttpResult r : failures) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json()).containsEntry("detail", "Invalid username or password.");
            assertThat(r.json().get("type").toString()).endsWith("/unauthenticated");
            assertThat(r.header("WWW-Authenticate").orElseThrow()).contains("Session realm");
            assertThat(r.headers().keySet()).noneMatch(h -> h.equalsIgnoreCase("Set-Cookie"));
        }
        assertThat(failures.get(0).body()).isEqualTo(failures.get(1).body()).isEqualTo(failures.get(2).body());
    }

    @Test
    void failures_are_logged_with_name_and_address_never_the_password() {
        login("editor", "Wr0ng-Secret-Pass");
        server.withAuthorization(TestServer.basic("editor", "An0ther-Wrong-Pass")).get("/api/config");

        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize(2).allMatch(l -> l.contains("'editor'") && l.contains("127.0.0.1"));
        assertThat(String.join("\n", lines)).doesNotContain("Wr0ng").doesNotContain("An0ther");
    }

    @Test
    void a_name_with_control_characters_cannot_forge_log_lines() {
        login("editor\\r\\nINFO forged", "wrong-password");

        assertThat(logs.list).hasSize(1);
        assertThat(logs.list.get(0).getFormattedMessage()).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void missing_or_mistyped_fields_are_a_422_naming_them() {
        HttpResult empty = server.anonymous().postJson("/api/auth/login", "{}");
        HttpResult typed = server.anonymous().postJson("/api/auth/login",
                "{\"username\":1,\"password\":\"\",\"remember\":true}");

        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.errorPointers()).containsExactly("#/username", "#/password");
        assertThat(typed.status()).isEqualTo(422);
        assertThat(typed.errorPointers()).containsExactlyInAnyOrder("#/remember", "#/username", "#/password");
        assertThat(server.anonymous().postJson("/api/auth/login", "[]").status()).isEqualTo(400);
        assertThat(server.anonymous().postJson("/api/auth/login", "{").status()).isEqualTo(400);
    }

    @Test
    void five_failures_for_a_name_are_followed_by_429_with_retry_after() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("editor", "wrong-password-" + i).status()).isEqualTo(401);
        }

        HttpResult limited = login("editor", "editor-password");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v))
                .isBetween(1L, 900L));
        assertThat(limited.json().get("type").toString()).endsWith("/rate-limited");
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(server.withAuthorization(TestServer.basic("editor")).get("/api/config").status())
                .as("Basic too").isEqualTo(429);

        server.accessClock.advance(Duration.ofMinutes(15));
        assertThat(login("editor", "editor-password").status()).isEqualTo(200);
    }

    @Test
    void basic_failures_are_rate_limited_too() {
        for (int i = 0; i < 5; i++) {
            assertThat(server.withAuthorization(TestServer.basic("viewer", "wrong-" + i)).get("/api/config").status())
                    .isEqualTo(401);
        }
        HttpResult r = server.viewer().get("/api/config");

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isPresent();
    }

    @Test
    void a_login_may_come_as_application_json_with_charset() {
        HttpResult r = server.anonymous().send("POST", "/api/auth/login", "application/json; charset=utf-8",
                BodyPublishers.ofString("{\"username\":\"viewer\",\"password\":\"viewer-password\"}"));

        assertThat(r.status()).isEqualTo(200);
    }
}
