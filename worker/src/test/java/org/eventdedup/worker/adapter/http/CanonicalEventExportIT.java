package org.eventdedup.worker.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.adapter.http.ConfigHttpServer;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.adapter.http.WorkerApiClient.Response;
import org.eventdedup.worker.adapter.persistence.JdbiCanonicalEventExport;
import org.eventdedup.worker.adapter.persistence.JdbiListingCategoryCounts;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineQueries;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.query.ListingCategories;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/canonical-events/export} over a few thousand stored events: both formats, quoting, errors. */
@ExtendWith(FreshDatabaseExtension.class)
class CanonicalEventExportIT {

    private static final int EVENTS = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final ConfigService configService;
    @TempDir
    Path deadLetters;
    private ConfigHttpServer server;
    private WorkerApiClient api;

    CanonicalEventExportIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
        this.configService = new ConfigService(persistence.configRepository(), new ReversingSecretCipher(), null,
                null, Clock.systemUTC());
    }

    @BeforeEach
    void start() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, canonical_events,"
                + " canonical_event_sources RESTART IDENTITY CASCADE"));
        FileIntake intake = new FileIntake(new JdbiIngestionQueue(jdbi), new DeadLetterDirectory(deadLetters),
                FileIntake.DEFAULT_MAX_BYTES);
        JdbiPipelineQueries queries = new JdbiPipelineQueries(jdbi, Lexicon.EMPTY);
        server = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(configService, configService,
                configService, configService, () -> true, null,
                List.of(new WorkerHttpRoutes(queries, queries,
                        new ListingCategories(new JdbiListingCategoryCounts(jdbi)), new JdbiCanonicalEventExport(jdbi), intake)),
                new TestOperators().withViewer("vera").server()));
        api = new WorkerApiClient(server.port(), TestOperators.basic("vera"));
    }

    @AfterEach
    void stop() {
        server.stop();
        api.assertResponsesAreClean();
    }

    /** Event n has listings l-n-a and l-n-b; event 1's title, city and venue need quoting. */
    private void store(int events) {
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO file_ingestions (id, filename, file_hash, source_code, origin, status, size_bytes)
                VALUES (1, 'f.json', repeat('0', 64), 'fix', 'test', 'completed', 0);
                INSERT INTO source_events (id, file_ingestion_id, source_code, source_type, listing, ingestion_order,
                                           keys_config)
                SELECT 'l-' || n || '-' || s, 1, 'fix', 'artikel', '{}', n * 2, 'test'
                FROM generate_series(1, %1$d) n, unnest(ARRAY['a', 'b']) s;
                INSERT INTO canonical_events (title, source_count, content_hash, config_version, first_date,
                                              last_date, location_city, location_name, dates, categories)
                SELECT 'Event ' || n, 2, repeat('a', 64), 1, DATE '2026-01-01' + mod(n, 300),
                       DATE '2026-01-02' + mod(n, 300), 'Emmendingen', NULL,
                       '[{"date": "2026-01-01", "start_time": "20:00:00"}]', '["musik"]'
                FROM generate_series(1, %1$d) n;
                UPDATE canonical_events SET title = 'Der "Ball", Teil 1' || chr(10) || 'und 2',
                    location_city = 'Freiburg, Breisgau', location_name = 'Halle "Süd"', first_date = NULL
                WHERE id = 1;
                INSERT INTO canonical_event_sources (canonical_event_id, source_event_id)
                SELECT n, 'l-' || n || '-' || s FROM generate_series(1, %1$d) n, unnest(ARRAY['b', 'a']) s;
                """.formatted(events)));
    }

    @Test
    void csv_has_a_header_and_one_rfc_4180_record_per_event() {
        store(EVENTS);

        Response r = api.get("/api/canonical-events/export?format=csv");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).contains("attachment; filename=\"canonical-events.csv\"");
        String[] records = r.body().split("\r\n");
        assertThat(records).hasSize(EVENTS + 1);
        assertThat(records[0]).isEqualTo("id,title,first_date,last_date,city,venue,source_count,source_ids");
        assertThat(records[1]).isEqualTo("1,\"Der \"\"Ball\"\", Teil 1\nund 2\",,2026-01-03,\"Freiburg, Breisgau\","
                + "\"Halle \"\"Süd\"\"\",2,l-1-a|l-1-b");
        assertThat(records[EVENTS]).isEqualTo(EVENTS + ",Event " + EVENTS + ",2026-01-01,2026-01-02,Emmendingen,,2,l-"
                + EVENTS + "-a|l-" + EVENTS + "-b");
        assertThat(r.body()).endsWith("\r\n");
    }

    @Test
    void jsonl_has_one_object_per_event() throws Exception {
        store(EVENTS);

        Response r = api.get("/api/canonical-events/export");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/x-ndjson");
        String[] lines = r.body().split("\n");
        assertThat(lines).hasSize(EVENTS);
        Map<String, Object> first = JSON.readValue(lines[0], new TypeReference<>() { });
        assertThat(first).containsEntry("id", 1).containsEntry("title", "Der \"Ball\", Teil 1\nund 2")
                .containsEntry("city", "Freiburg, Breisgau").containsEntry("venue", "Halle \"Süd\"")
                .containsEntry("categories", List.of("musik"))
                .containsEntry("source_ids", List.of("l-1-a", "l-1-b"))
                .containsEntry("dates", List.of(Map.of("date", "2026-01-01", "start_time", "20:00:00")));
        assertThat(first.keySet()).containsExactly("id", "title", "dates", "city", "venue", "categories",
                "source_ids");
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("source_ids").size()).isEqualTo(2);
        }
    }

    @Test
    void no_events_is_an_empty_download() {
        assertThat(api.get("/api/canonical-events/export?format=csv").body())
                .isEqualTo("id,title,first_date,last_date,city,venue,source_count,source_ids\r\n");
        assertThat(api.get("/api/canonical-events/export?format=jsonl").body()).isEmpty();
    }

    @Test
    void a_bad_format_or_parameter_is_400_naming_it() {
        Response format = api.get("/api/canonical-events/export?format=xml");
        Response unknown = api.get("/api/canonical-events/export?limit=5");

        assertThat(format.status()).isEqualTo(400);
        assertThat(format.json()).containsEntry("parameter", "format");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json()).containsEntry("parameter", "limit");
    }
}
