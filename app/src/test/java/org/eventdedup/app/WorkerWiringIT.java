package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s wiring: the worker beside the API, on one database, picking up a config change without restart. */
@ExtendWith(FreshDatabaseExtension.class)
class WorkerWiringIT {

    @TempDir
    Path eventData;
    @TempDir
    Path deadLetters;

    @Test
    void dropped_files_become_canonical_events_and_a_patched_config_applies_to_the_next_run(
            DatabaseSettings database, PersistenceModule persistence) throws Exception {
        AppSettings settings = AppSettings.fromEnvironment(Map.of(
                        AppSettings.ADMIN_PASSWORD, TestAdmin.PASSWORD,
                        "EVENT_DEDUP_MATCHING_CONFIG_PATH", ApplicationIT.SHIPPED_YAML.toString(),
                        "EVENT_DEDUP_ENCRYPTION_KEY", FernetKey.generate(),
                        "EVENT_DEDUP_EVENT_DATA_DIR", eventData.toString(),
                        "EVENT_DEDUP_DEAD_LETTER_DIR", deadLetters.toString()))
                .withDatabase(database);
        Jdbi jdbi = persistence.jdbi();
        try (Application application = Application.openExternal(settings).startHttp(0)) {
            application.startWorker(settings);
            Files.writeString(eventData.resolve("bwb_01.json"), file("a", "Großer Fasnetsumzug Kenzingen"));
            Files.writeString(eventData.resolve("emt_01.json"), file("b", "Großer Fasnetsumzug in Kenzingen"));
            await(() -> count(jdbi, "SELECT count(*) FROM canonical_event_sources") == 2);
            await(() -> count(jdbi, "SELECT count(*) FROM canonical_events") == 1);

            Thread.sleep(500); // the loop is idle, with a poll of 5 s ahead of it
            Instant saving = Instant.now();
            assertThat(send(application, "PATCH", "/api/config", "{\"thresholds\": {\"high\": 0.999}}")
                    .statusCode()).isEqualTo(200);

            await(() -> count(jdbi, "SELECT count(*) FROM pipeline_runs WHERE status = 'completed'"
                    + " AND config_version = 1 AND mode = 'full'") == 1);
            assertThat(count(jdbi, "SELECT count(*) FROM canonical_events")).as("the pair no longer matches")
                    .isEqualTo(2);
            assertThat(Duration.between(saving, lastRunStart(jdbi))).as("the save woke the worker")
                    .isLessThan(Duration.ofMillis(1500));

            Thread.sleep(500);
            Instant labelling = Instant.now();
            assertThat(send(application, "PUT", "/api/labels", "{\"a\": \"a\", \"b\": \"b\", \"label\": \"same\"}")
                    .statusCode()).isEqualTo(200);
            await(() -> count(jdbi, "SELECT count(*) FROM canonical_events") == 1);
            assertThat(Duration.between(labelling, lastRunStart(jdbi))).as("the label woke the worker")
                    .isLessThan(Duration.ofMillis(1500));
        }
    }

    private static String file(String id, String title) {
        return """
                {"events": [{"id": "%s", "title": "%s", "source_type": "terminliste",
                  "description": "Großer Umzug der Narrenzünfte durch die Altstadt mit Guggenmusik.",
                  "event_dates": [{"date": "2026-02-12", "start_time": "14:00"}],
                  "location": {"name": "Marktplatz", "city": "Kenzingen",
                               "geo": {"latitude": 48.19, "longitude": 7.77, "confidence": 0.95}}}]}
                """.formatted(id, title);
    }

    private static HttpResponse<String> send(Application application, String method, String path, String body)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + application.httpPort() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", TestAdmin.AUTHORIZATION)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Instant lastRunStart(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT max(started_at) FROM pipeline_runs")
                .mapTo(java.time.OffsetDateTime.class).one()).toInstant();
    }

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            Thread.sleep(200);
        }
    }
}
