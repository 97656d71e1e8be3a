package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's API on the application's one HTTP server: {@code serve} (API + worker) takes an upload through a run
 * to a canonical event; {@code api} alone answers reads and queues uploads for a worker elsewhere.
 */
@ExtendWith(FreshDatabaseExtension.class)
class WorkerApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path eventData;
    @TempDir
    Path deadLetters;

    @Test
    void serve_takes_an_upload_through_a_run_to_a_canonical_event_on_the_config_port(DatabaseSettings database)
            throws Exception {
        try (Application application = Application.openExternal(settings(database)).startHttp(0)) {
            application.startWorker(settings(database));
            URI base = URI.create("http://127.0.0.1:" + application.httpPort());
            patchConfig(base, "{\"thresholds\": {\"high\": 0.74}}");

            HttpResponse<String> first = ingest(base, "bwb_01.json", file("a", "Großer Fasnetsumzug Kenzingen"));
            HttpResponse<String> second = ingest(base, "emt_01.json", file("b", "Großer Fasnetsumzug in Kenzingen"));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(202);

            JsonNode found = await(base, "/api/canonical-events?q=fasnetsumzug&city=Kenzingen",
                    page -> page.path("total").asInt() == 1 && page.path("items").get(0).path("source_count")
                            .asInt() == 2);
            JsonNode runs = JSON.readTree(get(base, "/api/runs").body());
            int ingested = 0;
            for (JsonNode run : runs) {
                assertThat(run.path("status").asText()).isEqualTo("completed");
                assertThat(run.path("config_version").asLong()).isEqualTo(1);
                ingested += run.path("counts").path("ingested").asInt();
            }
            assertThat(ingested).as("both uploads, in one run or two").isEqualTo(2);
            long id = found.path("items").get(0).path("id").asLong();
            HttpResponse<String> detail = get(base, "/api/canonical-events/" + id);
            assertThat(detail.statusCode()).isEqualTo(200);
            JsonNode event = JSON.readTree(detail.body());
            assertThat(event.path("sources")).extracting(s -> s.path("id").asText()).containsExactly("a", "b");
            assertThat(event.path("decisions").get(0).path("decision").asText()).isEqualTo("match");
            assertThat(event.path("field_provenance").has("title")).isTrue();
            assertThat(event.path("config_version").asLong()).isEqualTo(1);
        }
    }

    @Test
    void api_alone_answers_reads_and_queues_uploads_for_a_worker_elsewhere(DatabaseSettings database)
            throws Exception {
        try (Application application = Application.openExternal(settings(database)).startHttp(0)) {
            URI base = URI.create("http://127.0.0.1:" + application.httpPort());

            HttpResponse<String> runs = get(base, "/api/runs?limit=20");
            HttpResponse<String> upload = ingest(base, "rkb_01.json", file("c", "Flohmarkt am Rathaus"));
            HttpResponse<String> again = ingest(base, "rkb_01.json", file("c", "Flohmarkt am Rathaus"));
            HttpResponse<String> bad = get(base, "/api/canonical-events?limit=0");
            HttpResponse<String> missing = get(base, "/api/canonical-events/12345");

            assertThat(runs.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(runs.body()).isArray()).isTrue();
            assertThat(upload.statusCode()).isEqualTo(202);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(again.body()).path("status").asText()).as("no worker took it")
                    .isEqualTo("already_queued");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(get(base, "/api/config").statusCode()).as("the config API on the same port").isEqualTo(200);
        }
    }

    private AppSettings settings(DatabaseSettings database) {
        return ServeWithWorker.settings(database, eventData, deadLetters);
    }

    private static String file(String id, String title) {
        return ServeWithWorker.parade(id, title);
    }

    private static HttpResponse<String> ingest(URI base, String name, String content) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/api/ingest"))
                .POST(HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("Authorization", TestAdmin.AUTHORIZATION)
                .header("X-File-Name", name).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void patchConfig(URI base, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/config"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", TestAdmin.AUTHORIZATION)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", TestAdmin.AUTHORIZATION)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface Condition {
        boolean holds(JsonNode body);
    }

    /** The body of {@code path} once it satisfies the condition (the worker runs on its own thread). */
    private static JsonNode await(URI base, String path, Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> r = get(base, path);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            if (condition.holds(body)) {
                return body;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s: " + path + " → " + r.body());
            }
            Thread.sleep(200);
        }
    }
}
