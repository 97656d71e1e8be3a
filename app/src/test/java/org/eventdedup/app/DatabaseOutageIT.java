package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.testing.db.OwnedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application (API + worker, as {@code serve} wires them) while its PostgreSQL is stopped and started again under
 * concurrent requests: every request is answered within the client's timeout, only with its
 * success status or 503 problem+json with Retry-After (never 500, never a hang), {@code /ready} says not ready, and
 * once the database is back every route succeeds again without a restart. Run twice: a fast stop and an immediate
 * (crash-like) one. The database is a real server this test owns ({@link OwnedPostgres}).
 */
class DatabaseOutageIT {

    private static final String PASSWORD = "outage-test-password";
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final int CLIENTS = 6;

    /** A route that needs the database, with the statuses it answers when the database is there (the PATCH first: it
     * creates version 1 for the history route). */
    private record Route(String method, String path, String body, Set<Integer> success) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<Route> ROUTES = List.of(
            new Route("PATCH", "/api/config", "{\"cluster\": {\"max_cluster_size\": 16}}", Set.of(200)),
            new Route("GET", "/api/config", null, Set.of(200)),
            new Route("GET", "/api/config/history?limit=5", null, Set.of(200)),
            new Route("GET", "/api/config/history/1", null, Set.of(200)),
            new Route("GET", "/api/runs?limit=5", null, Set.of(200)),
            new Route("GET", "/api/canonical-events?limit=5", null, Set.of(200)),
            new Route("GET", "/api/listings/categories", null, Set.of(200)),
            new Route("POST", "/api/ingest?name=rkb_01.json", """
                    {"events": [{"id": "c", "title": "Flohmarkt am Rathaus", "source_type": "terminliste",
                      "event_dates": [{"date": "2026-03-07", "start_time": "09:00"}],
                      "location": {"name": "Rathausplatz", "city": "Emmendingen"}}]}""", Set.of(200, 202)));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CLIENT_TIMEOUT).build();

    @TempDir
    Path eventData;
    @TempDir
    Path deadLetters;

    @Test
    void a_fast_stop_answers_503_then_recovers_by_itself() throws Exception {
        survivesAnOutage(OwnedPostgres::stop);
    }

    @Test
    void an_immediate_stop_answers_503_then_recovers_by_itself() throws Exception {
        survivesAnOutage(OwnedPostgres::stopImmediately);
    }

    private void survivesAnOutage(Consumer<OwnedPostgres> stop) throws Exception {
        try (OwnedPostgres database = OwnedPostgres.startNew()) {
            AppSettings settings = AppSettings.fromEnvironment(Map.of(
                    "EVENT_DEDUP_MATCHING_CONFIG_PATH", ApplicationIT.SHIPPED_YAML.toString(),
                    "EVENT_DEDUP_ENCRYPTION_KEY", FernetKey.generate(),
                    "EVENT_DEDUP_ADMIN_PASSWORD", PASSWORD,
                    "EVENT_DEDUP_EVENT_DATA_DIR", eventData.toString(),
                    "EVENT_DEDUP_DEAD_LETTER_DIR", deadLetters.toString())).withDatabase(database.settings());
            try (Application application = Application.openExternal(settings).startHttp(0)) {
                application.startWorker(settings);
                URI base = URI.create("http://127.0.0.1:" + application.httpPort());
                for (Route route : ROUTES) {
                    assertThat(send(base, route).statusCode()).as(route + " before the outage")
                            .isIn(route.success());
                }

                List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> loops = new ArrayList<>();
                AtomicInteger next = new AtomicInteger();
                for (int c = 0; c < CLIENTS; c++) {
                    loops.add(clients.submit(() -> {
                        while (running.get()) {
                            Route route = ROUTES.get(Math.floorMod(next.getAndIncrement(), ROUTES.size()));
                            answers.add(answer(base, route));
                        }
                        return null;
                    }));
                }
                Thread.sleep(500);
                stop.accept(database);
                int beforeOutage = answers.size();
                // long enough for every route to be asked several times while nothing listens
                long outageEnds = System.nanoTime() + Duration.ofSeconds(6).toNanos();
                HttpResponse<String> ready = null;
                while (System.nanoTime() < outageEnds) {
                    ready = http.send(HttpRequest.newBuilder(base.resolve("/ready")).timeout(CLIENT_TIMEOUT).build(),
                            HttpResponse.BodyHandlers.ofString());
                    Thread.sleep(200);
                }
                assertThat(ready.statusCode()).as("/ready while the database is down").isEqualTo(503);
                List<Answer> duringOutage = List.copyOf(answers.subList(beforeOutage, answers.size()));
                database.start();
                Thread.sleep(3_000);
                running.set(false);
                for (Future<?> loop : loops) {
                    loop.get(60, TimeUnit.SECONDS);
                }
                clients.shutdown();

                List<Answer> all = List.copyOf(answers);
                assertThat(all).as("every request answered within %s", CLIENT_TIMEOUT)
                        .allSatisfy(a -> assertThat(a.error()).as(a.toString()).isNull());
                assertThat(all).as("only success or 503, never 500")
                        .allSatisfy(a -> assertThat(a.status()).as(a.toString())
                                .isIn(union(a.route().success(), 503)));
                assertThat(all).filteredOn(a -> a.status() == 503).as("503 is problem+json with Retry-After")
                        .isNotEmpty()
                        .allSatisfy(a -> {
                            assertThat(a.contentType()).as(a.toString()).startsWith("application/problem+json");
                            assertThat(a.retryAfter()).as(a.toString()).isEqualTo("5");
                            assertThat(a.body()).as(a.toString())
                                    .contains("urn:event-dedup:problem:store-unavailable")
                                    .doesNotContain("Exception", "jdbc", "127.0.0.1");
                        });
                for (Route route : ROUTES) {
                    if (!route.path().equals("/api/config")) { // may be served from the cached body
                        assertThat(duringOutage).as(route + " while the database is down")
                                .anySatisfy(a -> assertThat(a.route() + " " + a.status()).isEqualTo(route + " 503"));
                    }
                }

                // recovery: every route succeeds again, with no restart and nothing done but waiting
                awaitReady(base);
                for (Route route : ROUTES) {
                    HttpResponse<String> after = send(base, route);
                    assertThat(after.statusCode()).as(route + " after the outage: " + after.body())
                            .isIn(route.success());
                }
            }
        }
    }

    private record Answer(Route route, int status, String contentType, String retryAfter, String body,
                          String error) {
        @Override
        public String toString() {
            return route + " → " + (error != null ? error : status + " " + body);
        }
    }

    private Answer answer(URI base, Route route) {
        try {
            HttpResponse<String> response = send(base, route);
            return new Answer(route, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), response.body(), null);
        } catch (Exception e) {
            return new Answer(route, -1, "", null, "", e.toString());
        }
    }

    private HttpResponse<String> send(URI base, Route route) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(route.path())).timeout(CLIENT_TIMEOUT)
                .header("Authorization", AUTHORIZATION);
        if (route.body() == null) {
            request.method(route.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(route.method(), HttpRequest.BodyPublishers.ofString(route.body()));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (http.send(HttpRequest.newBuilder(base.resolve("/ready")).timeout(CLIENT_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
            assertThat(System.nanoTime()).as("/ready within 30 s of the database's return").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static Set<Integer> union(Set<Integer> statuses, int extra) {
        Set<Integer> all = new java.util.HashSet<>(statuses);
        all.add(extra);
        return all;
    }
}
