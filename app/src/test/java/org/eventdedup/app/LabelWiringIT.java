package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s wiring of labels: a label wakes the worker, and the quality endpoints read the same database. */
@ExtendWith(FreshDatabaseExtension.class)
class LabelWiringIT {

    @TempDir
    Path eventData;
    @TempDir
    Path deadLetters;

    @Test
    void a_label_wakes_the_worker_within_seconds_and_the_quality_endpoints_read_it(
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

            long start = System.nanoTime();
            new org.eventdedup.worker.adapter.persistence.JdbiLabelStore(jdbi, java.time.Clock.systemUTC()).put(
                    java.util.List.of(new org.eventdedup.worker.port.LabelStore.NewLabel(
                            org.eventdedup.matching.evaluation.IdPair.of("a", "b"),
                            org.eventdedup.worker.port.LabelStore.Verdict.DIFFERENT, null)),
                    "admin", new AuditEntry("admin", "label.set", "a|b",
                            Map.of()));
            await(() -> count(jdbi, "SELECT count(*) FROM canonical_events") == 2);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("LabelWiringIT: a different label split the event " + millis + " ms after it was"
                    + " stored");
            assertThat(millis).as("within the idle poll and a run").isLessThan(15_000);

            HttpClient client = HttpClient.newHttpClient();
            String quality = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                    + application.httpPort() + "/api/quality"))
                            .header("Authorization", TestAdmin.AUTHORIZATION).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(quality).contains("\"labels\":1").contains("\"imported_pairs\":0");
            String summary = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                    + application.httpPort() + "/api/labels/summary"))
                            .header("Authorization", TestAdmin.AUTHORIZATION).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(summary).contains("\"different\":1").contains("\"contradictions\":[]");
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
