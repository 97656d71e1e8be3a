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
 * The operator's loop as {@code serve} wires it: uploads run into canonical events, a merge writes its label, the
 * audit log names it, the export streams both events, the label can be removed.
 */
@ExtendWith(FreshDatabaseExtension.class)
class OperatorLoopIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path eventData;
    @TempDir
    Path deadLetters;

    @Test
    void serve_wires_labels_merge_review_audit_and_export(DatabaseSettings database) throws Exception {
        try (Application application = Application.openExternal(settings(database)).startHttp(0)) {
            application.startWorker(settings(database));
            URI base = URI.create("http://127.0.0.1:" + application.httpPort());
            assertThat(send(base, "POST", "/api/ingest", file("loop-1", "Orgelmatinee im Muenster"), "bwb_07.json")
                    .statusCode()).isEqualTo(202);
            assertThat(send(base, "POST", "/api/ingest", file("loop-2", "Kammerkonzert der Stadtmusik"),
                    "emt_07.json").statusCode()).isEqualTo(202);
            JsonNode organ = await(base, "/api/canonical-events?q=orgelmatinee");
            JsonNode chamber = await(base, "/api/canonical-events?q=kammerkonzert");
            long id = organ.path("items").get(0).path("id").asLong();
            long with = chamber.path("items").get(0).path("id").asLong();

            HttpResponse<String> review = get(base, "/api/review/pairs");
            // before the merge: the worker applies it within a second of the request
            HttpResponse<String> export = get(base, "/api/canonical-events/export?format=csv");
            HttpResponse<String> merge = send(base, "POST", "/api/canonical-events/" + id + "/merge",
                    "{\"with\": " + with + ", \"version\": " + version(base, id) + ", \"with_version\": "
                            + version(base, with) + "}", null);
            HttpResponse<String> stale = send(base, "POST", "/api/canonical-events/" + id + "/merge",
                    "{\"with\": " + with + ", \"version\": 999, \"with_version\": 1}", null);
            HttpResponse<String> labels = get(base, "/api/labels");
            HttpResponse<String> audit = get(base, "/api/audit");
            JsonNode merged = await(base, "/api/canonical-events?q=kammerkonzert&limit=5", 2);
            HttpResponse<String> removed = send(base, "DELETE", "/api/labels?a=loop-2&b=loop-1", null, null);

            assertThat(review.statusCode()).isEqualTo(200);
            assertThat(review.headers().firstValue("X-Total-Count")).isPresent();
            assertThat(merge.statusCode()).as(merge.body()).isEqualTo(200);
            assertThat(JSON.readTree(merge.body()).path("labels_written").asInt()).isEqualTo(1);
            assertThat(stale.statusCode()).isEqualTo(409);
            JsonNode label = JSON.readTree(labels.body()).path("items").get(0);
            assertThat(label.path("a").asText() + " " + label.path("b").asText() + " " + label.path("label").asText())
                    .isEqualTo("loop-1 loop-2 same");
            JsonNode newest = JSON.readTree(audit.body()).path("items").get(0);
            assertThat(newest.path("action").asText()).isEqualTo("event.merge");
            assertThat(newest.path("actor").asText()).isEqualTo(TestAdmin.NAME);
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(export.body()).startsWith("id,title,first_date,last_date,city,venue,source_count,source_ids\r\n")
                    .contains(",1,loop-1\r\n").contains(",1,loop-2\r\n");
            assertThat(merged.path("items")).as("the merge applied by the run it woke").hasSize(1);
            assertThat(removed.statusCode()).isEqualTo(204);
        }
    }

    private AppSettings settings(DatabaseSettings database) {
        return ServeWithWorker.settings(database, eventData, deadLetters);
    }

    /** Same day and place, titles that never match: two canonical events. */
    private static String file(String id, String title) {
        return """
                {"events": [{"id": "%s", "title": "%s", "source_type": "terminliste",
                  "event_dates": [{"date": "2026-03-20", "start_time": "11:00"}],
                  "location": {"name": "Marktplatz", "city": "Kenzingen",
                               "geo": {"latitude": 48.19, "longitude": 7.77, "confidence": 0.95}}}]}
                """.formatted(id, title);
    }

    private static int version(URI base, long id) throws Exception {
        return JSON.readTree(get(base, "/api/canonical-events/" + id).body()).path("version").asInt();
    }

    private static HttpResponse<String> get(URI base, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", TestAdmin.AUTHORIZATION)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @param fileName for an upload ({@code X-File-Name}), else null */
    private static HttpResponse<String> send(URI base, String method, String path, String body, String fileName)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", TestAdmin.AUTHORIZATION);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .header("Content-Type", "application/json");
        }
        if (fileName != null) {
            request.header("X-File-Name", fileName);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first page of {@code path} once it holds exactly one event (the worker runs on its own thread). */
    private static JsonNode await(URI base, String path) throws Exception {
        return await(base, path, 1);
    }

    /** Waits until the first event found has {@code sources} sources. */
    private static JsonNode await(URI base, String path, int sources) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            HttpResponse<String> r = get(base, path);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            if (body.path("total").asInt() == 1 && body.path("items").get(0).path("source_count").asInt() == sources) {
                return body;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s: " + path + " → " + r.body());
            }
            Thread.sleep(200);
        }
    }
}
