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
import java.util.Base64;
import java.util.function.BooleanSupplier;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.service.AccessService;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.FastPasswordHasher;
import org.eventdedup.config.domain.testing.InMemoryAccessStore;
import org.eventdedup.config.domain.testing.InMemoryConfigRepository;
import org.eventdedup.config.domain.testing.MutableClock;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;

/**
 * A real server on a random port over {@link ConfigService} (with the in-memory fakes unless given one) and an
 * {@link AccessService} over in-memory operators, and HTTP clients that record every response. The server's own
 * request methods ({@link #get}, {@link #patch}, ...) send the Basic credentials of the editor {@value #EDITOR};
 * {@link #viewer()}, {@link #admin()}, {@link #anonymous()} and {@link #as(String)} send others'.
 * {@link #close()} fails the test when any response (status line aside) contains an API key used in this suite:
 * every test key contains {@link #SECRET_MARK}.
 */
final class TestServer implements AutoCloseable {
    /** Part of every API key the tests send; never allowed in a response, nor reversed (the test cipher's token). */
    static final String SECRET_MARK = "SeCrEt";
    static final String ADMIN = "admin";
    static final String EDITOR = "editor";
    static final String VIEWER = "viewer";
    static final Instant ACCESS_START = Instant.parse("2025-03-01T08:00:00Z");

    /** The fakes under the service; null when the server runs over a real database. */
    final InMemoryConfigRepository repository;
    final ReversingSecretCipher cipher;
    final ConfigService service;
    final AtomicBoolean ready = new AtomicBoolean(true);
    /** Operators and sessions, and the clock of their expiry (it stands still until a test moves it). */
    final InMemoryAccessStore accessStore = new InMemoryAccessStore();
    final FastPasswordHasher hasher = new FastPasswordHasher();
    final MutableClock accessClock = new MutableClock(ACCESS_START);
    final AccessService access = new AccessService(accessStore, accessStore, hasher, accessClock,
            AccessService.Settings.defaults());
    final ConfigHttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<HttpResult> responses = new ArrayList<>();
    private final Map<String, Client> clients = new java.util.concurrent.ConcurrentHashMap<>();
    private final Client editor;

    private TestServer(MatchingConfig fileConfig, SecretString environmentKey, String staticDir) {
        repository = new InMemoryConfigRepository();
        cipher = new ReversingSecretCipher();
        service = new ConfigService(repository, cipher, fileConfig, environmentKey,
                new TickingClock(Instant.parse("2025-03-01T09:00:00Z")));
        editor = operators();
        server = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(service, service, service, service,
                ready::get, staticDir, accessDependencies()));
    }

    private TestServer(ConfigService service, BooleanSupplier ready) {
        this.repository = null;
        this.cipher = null;
        this.service = service;
        editor = operators();
        this.server = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(service, service, service, service,
                ready, null, accessDependencies()));
    }

    /** The admin, an editor and a viewer, each with password "{name}-password". */
    private Client operators() {
        access.bootstrapAdmin(ADMIN, password(ADMIN));
        access.add(EDITOR, Role.EDITOR, password(EDITOR));
        access.add(VIEWER, Role.VIEWER, password(VIEWER));
        return as(EDITOR);
    }

    static SecretString password(String name) {
        return SecretString.of(name + "-password");
    }

    /** The Authorization header value of an operator's Basic credentials. */
    static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String basic(String name) {
        return basic(name, password(name).reveal());
    }

    /** A client sending the Basic credentials of {@code name}; an unknown name becomes a new editor. */
    Client as(String name) {
        return clients.computeIfAbsent(name, n -> {
            if (access.list().stream().noneMatch(o -> o.name().equals(n))) {
                access.add(n, Role.EDITOR, password(n));
            }
            return new Client(basic(n));
        });
    }

    /** This server's sign-in, for a second server in the same test. */
    ConfigHttpServer.Access accessDependencies() {
        return new ConfigHttpServer.Access(access, access);
    }

    Client viewer() {
        return as(VIEWER);
    }

    Client admin() {
        return as(ADMIN);
    }

    /** A client sending no credentials (add a Cookie or Authorization header per request as needed). */
    Client anonymous() {
        return new Client(null);
    }

    /** A client sending this Authorization header as it is. */
    Client withAuthorization(String header) {
        return new Client(header);
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
        return editor.get(path, headers);
    }

    HttpResult patch(String json, String... headers) {
        return editor.patch(json, headers);
    }

    HttpResult postJson(String path, String json, String... headers) {
        return editor.postJson(path, json, headers);
    }

    HttpResult putJson(String path, String json, String... headers) {
        return editor.putJson(path, json, headers);
    }

    HttpResult delete(String path, String... headers) {
        return editor.delete(path, headers);
    }

    /** A body without Content-Length (sent chunked). */
    HttpResult patchChunked(byte[] body) {
        return editor.send("PATCH", "/api/config", "application/json",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    HttpResult send(String method, String path, String contentType, BodyPublisher body, String... headers) {
        return editor.send(method, path, contentType, body, headers);
    }

    /** Sends requests with one operator's credentials (or none); every response is recorded by the server. */
    final class Client {
        private final String authorization;

        private Client(String authorization) {
            this.authorization = authorization;
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

        HttpResult patchJson(String path, String json, String... headers) {
            return send("PATCH", path, "application/json", BodyPublishers.ofString(json), headers);
        }

        HttpResult delete(String path, String... headers) {
            return send("DELETE", path, null, BodyPublishers.noBody(), headers);
        }

        /** Headers given here win over the client's own Authorization. */
        HttpResult send(String method, String path, String contentType, BodyPublisher body, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                    .method(method, body);
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            boolean ownAuthorization = false;
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
                ownAuthorization |= headers[i].equalsIgnoreCase("Authorization");
            }
            if (authorization != null && !ownAuthorization) {
                request.header("Authorization", authorization);
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
