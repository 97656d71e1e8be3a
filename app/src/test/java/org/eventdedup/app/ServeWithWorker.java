package org.eventdedup.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.adapter.secret.FernetKey;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code serve} on a test database — the API on a random port and the worker watching a folder, with the shipped
 * config — as the worker's wiring tests set it up, with what they ask of it.
 */
final class ServeWithWorker implements AutoCloseable {

    private final Application application;
    private final Path eventData;
    private final Jdbi jdbi;
    private final HttpClient client = HttpClient.newHttpClient();

    private ServeWithWorker(Application application, Path eventData, Jdbi jdbi) {
        this.application = application;
        this.eventData = eventData;
        this.jdbi = jdbi;
    }

    /** The test admin, the shipped config, a fresh key and the two folders, on the test database. */
    static AppSettings settings(DatabaseSettings database, Path eventData, Path deadLetters) {
        return AppSettings.fromEnvironment(Map.of(
                        AppSettings.ADMIN_PASSWORD, TestAdmin.PASSWORD,
                        "EVENT_DEDUP_MATCHING_CONFIG_PATH", ApplicationIT.SHIPPED_YAML.toString(),
                        "EVENT_DEDUP_ENCRYPTION_KEY", FernetKey.generate(),
                        "EVENT_DEDUP_EVENT_DATA_DIR", eventData.toString(),
                        "EVENT_DEDUP_DEAD_LETTER_DIR", deadLetters.toString()))
                .withDatabase(database);
    }

    static ServeWithWorker start(DatabaseSettings database, PersistenceModule persistence, Path eventData,
                                 Path deadLetters) {
        AppSettings settings = settings(database, eventData, deadLetters);
        Application application = Application.openExternal(settings).startHttp(0);
        try {
            application.startWorker(settings);
        } catch (RuntimeException e) {
            application.close();
            throw e;
        }
        return new ServeWithWorker(application, eventData, persistence.jdbi());
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Drops two listings of one parade (bwb "a", emt "b"), a file each, and waits until they are one canonical event.
     */
    void dropOneParadeTwice() throws IOException, InterruptedException {
        Files.writeString(eventData.resolve("bwb_01.json"), parade("a", "Großer Fasnetsumzug Kenzingen"));
        Files.writeString(eventData.resolve("emt_01.json"), parade("b", "Großer Fasnetsumzug in Kenzingen"));
        await(() -> count("SELECT count(*) FROM canonical_event_sources") == 2);
        await(() -> count("SELECT count(*) FROM canonical_events") == 1);
    }

    /** A request as the test admin; {@code body} null for none. */
    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.httpPort()
                        + path))
                .header("Authorization", TestAdmin.AUTHORIZATION)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    long count(String sql) {
        return count(jdbi, sql);
    }

    /** Waits up to 30 s. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        await(condition, Duration.ofSeconds(30));
    }

    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** One listing of the Fasnet parade in Kenzingen as an input file; two of them match under the shipped config. */
    static String parade(String id, String title) {
        return """
                {"events": [{"id": "%s", "title": "%s", "source_type": "terminliste",
                  "description": "Großer Umzug der Narrenzünfte durch die Altstadt mit Guggenmusik.",
                  "event_dates": [{"date": "2026-02-12", "start_time": "14:00"}],
                  "location": {"name": "Marktplatz", "city": "Kenzingen",
                               "geo": {"latitude": 48.19, "longitude": 7.77, "confidence": 0.95}}}]}
                """.formatted(id, title);
    }

    @Override
    public void close() {
        application.close();
    }
}
