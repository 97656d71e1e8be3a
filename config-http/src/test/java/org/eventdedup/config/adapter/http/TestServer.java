package org.eventdedup.config.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.InMemoryConfigRepository;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;

/**
 * A real server on a random port over {@link ConfigService} (with the in-memory fakes unless given one), and an HTTP client that
 * records every response. {@link #close()} fails the test when any response (status line aside) contains an API
 * key used in this suite: every test key contains {@link #SECRET_MARK}.
 */
final class TestServer implements AutoCloseable {
    /** Part of every API key the tests send; never allowed in a response, nor reversed (the test cipher's token). */
    static final String SECRET_MARK = "SeCrEt";

    /** The fakes under the service; null when the server runs over a real database. */
    final InMemoryConfigRepository repository;
    final ReversingSecretCipher cipher;
    final ConfigService service;
    final AtomicBoolean ready = new AtomicBoolean(true);
    final ConfigHttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<HttpResult> responses = new ArrayList<>();

    private TestServer(MatchingConfig fileConfig, SecretString environmentKey, String staticDir) {
        repository = new InMemoryConfigRepository();
        cipher = new ReversingSecretCipher();
        service = new ConfigService(repository, cipher, fileConfig, environmentKey,
                new TickingClock(Instant.parse("2025-03-01T09:00:00Z")));
        server = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(service, service, service, service,
                ready::get, staticDir));
    }

    private TestServer(ConfigService service, BooleanSupplier ready) {
        this.repository = null;
        this.cipher = null;
        this.service = service;
        this.server = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(service, service, service, service,
                ready, null));
    }

    /** A server over a service of the caller's (e.g. on a real database). */
    static TestServer over(ConfigService service, BooleanSupplier ready) {
        return new TestServer(service, ready);
    }

    static TestServer start() {
        return new TestServer(null, null, null);
    }

    static TestServer withFileConfig(MatchingConfig fileConfig) {
        return new TestServer(fileConfig, null, null);
    }

    static TestServer withEnvironmentKey(String key) {
        return new TestServer(null, SecretString.of(key), null);
    }

    static TestServer withStaticFiles(String dir) {
        return new TestServer(null, null, dir);
    }

    static String key(String suffix) {
        return "AIza-" + SECRET_MARK + "-" + suffix;
    }

    /** A path on this server, or a complete URL (another server under test). */
    URI uri(String path) {
        return URI.create(path.startsWith("http:") ? path : "http://127.0.0.1:" + server.port() + path);
    }

    HttpResult get(String path, String... headers) {
        return send("GET", path, null, BodyPublishers.noBody(), headers);
    }

    HttpResult patch(String json, String... headers) {
        return send("PATCH", "/api/config", "application/json", BodyPublishers.ofString(json), headers);
    }

    HttpResult postJson(String path, String json, String... headers) {
        return send("POST", path, "application/json", BodyPublishers.ofString(json), headers);
    }

    HttpResult putJson(String path, String json, String... headers) {
        return send("PUT", path, "application/json", BodyPublishers.ofString(json), headers);
    }

    HttpResult delete(String path, String... headers) {
        return send("DELETE", path, null, BodyPublishers.noBody(), headers);
    }

    /** A body without Content-Length (sent chunked). */
    HttpResult patchChunked(byte[] body) {
        return send("PATCH", "/api/config", "application/json",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    HttpResult send(String method, String path, String contentType, BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            var response = client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            HttpResult result = new HttpResult(response.statusCode(), response.headers().map(), response.body());
            synchronized (responses) {
                responses.add(result);
            }
            return result;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The document of the current GET, for building full-document patches. */
    Map<String, Object> currentBody() {
        return get("/api/config").json();
    }

    List<HttpResult> responses() {
        synchronized (responses) {
            return List.copyOf(responses);
        }
    }

    @Override
    public void close() {
        server.stop();
        String reversed = new StringBuilder(SECRET_MARK).reverse().toString();
        for (HttpResult r : responses()) {
            assertThat(r.body()).as("response body").doesNotContain(SECRET_MARK).doesNotContain(reversed);
            assertThat(r.headers().toString()).as("response headers").doesNotContain(SECRET_MARK)
                    .doesNotContain(reversed);
        }
    }
}
