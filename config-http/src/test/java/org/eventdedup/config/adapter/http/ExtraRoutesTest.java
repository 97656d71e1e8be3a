package org.eventdedup.config.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.BadRequestResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.service.AccessService;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.FastPasswordHasher;
import org.eventdedup.config.domain.testing.InMemoryAccessStore;
import org.eventdedup.config.domain.testing.MutableClock;
import org.eventdedup.config.domain.testing.InMemoryConfigRepository;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.http.StatusTitles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Another module's routes on the config server ({@code Dependencies.extraRoutes}) get the same errors and headers. */
class ExtraRoutesTest {

    /** Thrown by an extra route; its message must never reach a response. */
    private static final String INTERNAL = "internal-detail-SeCrEt";

    private static final class OwnProblem extends RuntimeException {
        OwnProblem() {
            super("own", null, false, false);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ConfigHttpServer server;

    @BeforeEach
    void start() {
        ConfigService service = new ConfigService(new InMemoryConfigRepository(), new ReversingSecretCipher(), null,
                null, new TickingClock(Instant.parse("2025-03-01T09:00:00Z")));
        InMemoryAccessStore store = new InMemoryAccessStore();
        AccessService access = new AccessService(store, store, new FastPasswordHasher(),
                new MutableClock(TestServer.ACCESS_START), AccessService.Settings.defaults());
        access.bootstrapAdmin(TestServer.ADMIN, TestServer.password(TestServer.ADMIN));
        access.add(TestServer.VIEWER, Role.VIEWER, TestServer.password(TestServer.VIEWER));
        Consumer<Javalin> extra = app -> {
            app.get("/api/things", ctx -> ctx.contentType("application/json").result("[{\"id\":1}]"));
            app.get("/api/things/boom", ctx -> {
                throw new IllegalStateException(INTERNAL);
            });
            app.get("/api/things/bad", ctx -> {
                throw new BadRequestResponse(INTERNAL);
            });
            app.post("/api/things", ctx -> ctx.status(201).result(
                    String.valueOf((Object) ctx.attribute(ConfigHttpServer.OPERATOR_ATTRIBUTE))));
            app.get("/api/things/own", ctx -> {
                throw new OwnProblem();
            });
            app.exception(OwnProblem.class, (e, ctx) -> ctx.status(418).contentType("application/problem+json")
                    .result("{\"status\":418}"));
        };
        server = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(service, service, service, service,
                () -> true, null, List.of(extra), new ConfigHttpServer.Access(access, access)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void an_extra_route_is_served_beside_the_config_api() {
        HttpResult things = get("GET", "/api/things");
        HttpResult config = get("GET", "/api/config");

        assertThat(things.status()).isEqualTo(200);
        assertThat(things.body()).isEqualTo("[{\"id\":1}]");
        assertThat(config.status()).isEqualTo(200);
    }

    @Test
    void an_extra_route_needs_a_signed_in_operator_with_the_right_role() {
        HttpResult anonymous = send("GET", "/api/things", null);
        HttpResult viewerPost = send("POST", "/api/things", TestServer.basic(TestServer.VIEWER));
        HttpResult adminPost = send("POST", "/api/things", TestServer.basic(TestServer.ADMIN));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("type").toString()).endsWith("/unauthenticated");
        assertThat(viewerPost.status()).isEqualTo(403);
        assertThat(viewerPost.json().get("type").toString()).endsWith("/forbidden");
        assertThat(adminPost.status()).isEqualTo(201);
        assertThat(adminPost.body()).as("the signed-in name, for routes that record who acted")
                .isEqualTo(TestServer.ADMIN);
    }

    @Test
    void an_uncaught_exception_in_an_extra_route_is_a_500_problem_without_its_message() {
        HttpResult r = get("GET", "/api/things/boom");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json()).containsEntry("status", 500).containsEntry("title", StatusTitles.of(500))
                .containsEntry("detail", ProblemResponses.GENERIC_500_DETAIL);
        assertThat(r.body()).doesNotContain(INTERNAL).doesNotContain("IllegalStateException").doesNotContain("at org.");
    }

    @Test
    void a_javalin_error_response_in_an_extra_route_is_a_problem_with_a_generic_detail() {
        HttpResult r = get("GET", "/api/things/bad");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json()).containsEntry("status", 400).containsEntry("type", "about:blank");
        assertThat(r.body()).doesNotContain(INTERNAL);
    }

    @Test
    void an_extra_route_may_render_its_own_exception_type() {
        HttpResult r = get("GET", "/api/things/own");

        assertThat(r.status()).isEqualTo(418);
        assertThat(r.body()).isEqualTo("{\"status\":418}");
    }

    @Test
    void a_wrong_method_on_an_extra_path_is_a_405_problem_with_allow() {
        HttpResult r = send("DELETE", "/api/things", TestServer.basic(TestServer.ADMIN));

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.header("Allow").orElseThrow()).contains("GET");
    }

    @Test
    void an_unknown_path_beside_the_extra_routes_is_a_404_problem() {
        HttpResult r = get("GET", "/api/things/1/nothing");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json()).containsEntry("status", 404);
    }

    @Test
    void extra_routes_send_no_server_or_powered_by_header() {
        for (String path : List.of("/api/things", "/api/things/boom", "/api/things/1/nothing")) {
            HttpResult r = get("GET", path);
            assertThat(r.header("Server")).as(path).isEmpty();
            assertThat(r.header("X-Powered-By")).as(path).isEmpty();
        }
    }

    private HttpResult get(String method, String path) {
        return send(method, path, TestServer.basic(TestServer.VIEWER));
    }

    private HttpResult send(String method, String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        try {
            var response = client.send(request, BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.headers().map(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
