package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Sign-in over the real application on a fresh database: the first start creates the admin with a generated password
 * logged once, the browser flow (login, cookie, logout) works for the config and the worker routes, and a session
 * made on one API server is honoured by another on the same database.
 */
@ExtendWith(FreshDatabaseExtension.class)
class AccessIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern GENERATED = Pattern.compile("generated password (\\S+) ");

    private static AppSettings settings(DatabaseSettings database, Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("EVENT_DEDUP_MATCHING_CONFIG_PATH", ApplicationIT.SHIPPED_YAML.toString());
        env.put("EVENT_DEDUP_ENCRYPTION_KEY", FernetKey.generate());
        return AppSettings.fromEnvironment(env).withDatabase(database);
    }

    @BeforeEach
    void noOperators(Jdbi jdbi) {
        jdbi.useHandle(h -> h.execute("TRUNCATE operators CASCADE"));
    }

    @Test
    void first_start_bootstraps_an_admin_who_signs_in_with_a_cookie(DatabaseSettings database, Jdbi jdbi)
            throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger log = (Logger) LoggerFactory.getLogger(Application.class);
        logs.start();
        log.addAppender(logs);
        try (Application first = Application.openExternal(settings(database, Map.of("EVENT_DEDUP_ADMIN_USER",
                "root"))).startHttp(0);
             Application second = Application.openExternal(settings(database, Map.of(
                     "EVENT_DEDUP_ADMIN_PASSWORD", "never-used-password"))).startHttp(0)) {
            List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(l -> l.contains("first operator")).toList();
            assertThat(lines).as("one bootstrap for two starts").hasSize(1);
            Matcher m = GENERATED.matcher(lines.get(0));
            assertThat(m.find()).as(lines.get(0)).isTrue();
            String password = m.group(1);
            assertThat(password).matches("[A-Za-z0-9_-]{32}");
            List<String> operators = jdbi.withHandle(h -> h.createQuery("SELECT name || ':' || role FROM operators")
                    .mapTo(String.class).list());
            assertThat(operators).containsExactly("root:admin");
            String hash = jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM operators")
                    .mapTo(String.class).one());
            assertThat(hash).startsWith("$argon2id$").doesNotContain(password);

            URI a = URI.create("http://127.0.0.1:" + first.httpPort());
            URI b = URI.create("http://127.0.0.1:" + second.httpPort());
            assertThat(send(a, "GET", "/api/config", null, null).statusCode()).isEqualTo(401);
            assertThat(send(a, "GET", "/api/runs", null, null).statusCode()).as("worker routes too").isEqualTo(401);
            assertThat(send(a, "GET", "/health", null, null).statusCode()).isEqualTo(200);

            HttpResponse<String> login = send(a, "POST", "/api/auth/login",
                    "{\"username\":\"root\",\"password\":\"" + password + "\"}", null);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict");
            String cookie = setCookie.split(";")[0];

            assertThat(send(a, "GET", "/api/auth/me", null, cookie).body()).contains("\"name\":\"root\"")
                    .contains("\"role\":\"admin\"");
            assertThat(send(b, "GET", "/api/runs", null, cookie).statusCode()).as("session shared by servers")
                    .isEqualTo(200);
            HttpResponse<String> patched = send(b, "PATCH", "/api/config", "{\"thresholds\":{\"high\":0.8}}",
                    cookie, "Origin", b.toString());
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            assertThat(patched.body()).contains("\"updated_by\":\"root\"");
            assertThat(send(a, "PATCH", "/api/config", "{}", cookie, "Origin", "http://evil.example").statusCode())
                    .isEqualTo(403);

            assertThat(send(a, "POST", "/api/auth/logout", null, cookie).statusCode()).isEqualTo(204);
            assertThat(send(b, "GET", "/api/config", null, cookie).statusCode()).isEqualTo(401);
        } finally {
            log.detachAppender(logs);
        }
    }

    @Test
    void the_admin_password_from_the_environment_is_used_and_never_logged(DatabaseSettings database)
            throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger log = (Logger) LoggerFactory.getLogger(Application.class);
        logs.start();
        log.addAppender(logs);
        ch.qos.logback.classic.Level level = log.getLevel();
        log.setLevel(ch.qos.logback.classic.Level.INFO);
        try (Application app = Application.openExternal(settings(database, Map.of(
                "EVENT_DEDUP_ADMIN_PASSWORD", TestAdmin.PASSWORD))).startHttp(0)) {
            URI base = URI.create("http://127.0.0.1:" + app.httpPort());
            HttpResponse<String> me = send(base, "GET", "/api/auth/me", null, null, "Authorization",
                    TestAdmin.AUTHORIZATION);

            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"name\":\"admin\"");
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(l -> l.contains("first operator") && l.contains("EVENT_DEDUP_ADMIN_PASSWORD"))
                    .noneMatch(l -> l.contains(TestAdmin.PASSWORD));
        } finally {
            log.setLevel(level);
            log.detachAppender(logs);
        }
    }

    private static HttpResponse<String> send(URI base, String method, String path, String body, String cookie,
                                             String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
