package org.eventdedup.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.jdbi.v3.core.Jdbi;

/**
 * The real application (composition root, fresh PostgreSQL database, real HTTP on a random port) as the hardening
 * tests drive it. Every {@code /api} request carries the bootstrap admin's Basic credentials (CONTRACTS §1).
 */
final class RunningApp implements AutoCloseable {
    /** Failsafe runs in app/, the shipped file lives at the repository root. */
    static final String SHIPPED_YAML = "../config/matching.yaml";
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "hardening-admin-password-7f3c";

    private final Application application;
    private final URI base;
    private final HttpClient http;
    private final String authorization;

    private RunningApp(Application application) {
        this.application = application;
        this.base = URI.create("http://127.0.0.1:" + application.httpPort());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (ADMIN_USER + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** The environment of {@code serve}/{@code api} as the tests set it, plus {@code more}. */
    static Map<String, String> environment(Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(AppSettings.MATCHING_CONFIG_PATH, SHIPPED_YAML);
        env.put(AppSettings.ENCRYPTION_KEY, FernetKey.generate());
        env.put(AppSettings.ADMIN_USER, ADMIN_USER);
        env.put(AppSettings.ADMIN_PASSWORD, ADMIN_PASSWORD);
        env.putAll(more);
        return env;
    }

    static RunningApp start(DatabaseSettings database, Map<String, String> more) {
        AppSettings settings = AppSettings.fromEnvironment(environment(more)).withDatabase(database);
        return new RunningApp(Application.openExternal(settings).startHttp(0));
    }

    Application application() {
        return application;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    String authorization() {
        return authorization;
    }

    HttpClient client() {
        return http;
    }

    /** A request builder for {@code path} with the operator's credentials. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Authorization", authorization);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> json(String method, String path, String body, String... headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    /**
     * Every table of the schema (except Flyway's bookkeeping and the operators' sign-in state, which a request may
     * legitimately touch) → row count and a digest of all rows: equal snapshots mean no row changed.
     */
    static Map<String, String> snapshot(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            List<String> tables = h.createQuery("""
                            SELECT table_name FROM information_schema.tables
                             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                               AND table_name NOT IN ('flyway_schema_history', 'operators', 'operator_sessions')
                             ORDER BY table_name""")
                    .mapTo(String.class).list();
            Map<String, String> digest = new TreeMap<>();
            for (String table : tables) {
                digest.put(table, h.createQuery("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|'"
                                + " ORDER BY t::text)), '-') FROM \"" + table + "\" t")
                        .mapTo(String.class).one());
            }
            return digest;
        });
    }

    @Override
    public void close() {
        application.close();
    }
}
