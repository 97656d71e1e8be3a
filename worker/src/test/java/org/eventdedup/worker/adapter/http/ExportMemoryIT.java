package org.eventdedup.worker.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eventdedup.config.adapter.http.ConfigHttpServer;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.service.ConfigService;
import org.eventdedup.config.domain.testing.ReversingSecretCipher;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.files.DeadLetterDirectory;
import org.eventdedup.worker.adapter.persistence.JdbiCanonicalEventExport;
import org.eventdedup.worker.adapter.persistence.JdbiListingCategoryCounts;
import org.eventdedup.worker.adapter.persistence.JdbiIngestionQueue;
import org.eventdedup.worker.adapter.persistence.JdbiPipelineQueries;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.query.ListingCategories;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export of 20,000 canonical events (two listings each; {@code EVENT_DEDUP_MEASURE_EXPORT=<events>} for another
 * count, e.g. 100000) while a sampler records the heap in use, to show that memory stays flat.
 * Run it with a small heap to prove it: {@code -DargLine=-Xmx48m} exports 100,000 events (30 MB of JSONL) with at
 * most 37 MiB of the heap in use.
 */
@ExtendWith(FreshDatabaseExtension.class)
class ExportMemoryIT {

    private final Jdbi jdbi;
    private final ConfigService configService;
    @TempDir
    Path deadLetters;

    ExportMemoryIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
        this.configService = new ConfigService(persistence.configRepository(), new ReversingSecretCipher(), null,
                null, Clock.systemUTC());
    }

    @Test
    void the_export_streams_in_flat_memory() throws Exception {
        String asked = System.getenv("EVENT_DEDUP_MEASURE_EXPORT");
        int events = asked == null || asked.isBlank() ? 20_000 : Integer.parseInt(asked.strip());
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO file_ingestions (id, filename, file_hash, source_code, origin, status, size_bytes)
                VALUES (1, 'f.json', repeat('0', 64), 'fix', 'test', 'completed', 0);
                INSERT INTO source_events (id, file_ingestion_id, source_code, source_type, listing, ingestion_order,
                                           keys_config)
                SELECT 'listing-' || n || '-' || s, 1, 'fix', 'artikel', '{}', n * 2, 'test'
                FROM generate_series(1, %1$d) n, unnest(ARRAY['a', 'b']) s;
                INSERT INTO canonical_events (title, source_count, content_hash, config_version, first_date,
                                              last_date, location_city, location_name, dates, categories)
                SELECT 'Konzert der Stadtkapelle im Rahmen des Sommerfests, Teil ' || n, 2, repeat('a', 64), 1,
                       DATE '2026-01-01' + mod(n, 300), DATE '2026-01-01' + mod(n, 300), 'Emmendingen',
                       'Festhalle am Stadtgarten',
                       '[{"date": "2026-01-01", "start_time": "20:00:00", "end_time": "23:00:00"}]',
                       '["musik", "fest"]'
                FROM generate_series(1, %1$d) n;
                INSERT INTO canonical_event_sources (canonical_event_id, source_event_id)
                SELECT n, 'listing-' || n || '-' || s FROM generate_series(1, %1$d) n, unnest(ARRAY['a', 'b']) s;
                ANALYZE;
                """.formatted(events)));
        FileIntake intake = new FileIntake(new JdbiIngestionQueue(jdbi), new DeadLetterDirectory(deadLetters),
                FileIntake.DEFAULT_MAX_BYTES);
        JdbiPipelineQueries queries = new JdbiPipelineQueries(jdbi, Lexicon.EMPTY);
        ConfigHttpServer server = ConfigHttpServer.start(0, new ConfigHttpServer.Dependencies(configService,
                configService, configService, configService, () -> true, null,
                List.of(new WorkerHttpRoutes(queries, queries,
                        new ListingCategories(new JdbiListingCategoryCounts(jdbi)), new JdbiCanonicalEventExport(jdbi), intake)),
                new TestOperators().server()));
        try {
            for (String format : List.of("jsonl", "csv")) {
                measure(server.port(), format, events);
            }
        } finally {
            server.stop();
        }
    }

    private static void measure(int port, String format, int events) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/canonical-events/export?format=" + format))
                .header("Authorization", TestOperators.basic(TestOperators.EDITOR)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        running.set(false);
        sampler.join();
        System.out.printf("export %s of %d events: %d bytes, %d lines in %d ms; heap in use %d MiB before, peak"
                        + " %d MiB (+%d MiB), max heap %d MiB%n", format, events, bytes, lines, millis,
                baseline >> 20, peak.get() >> 20, (peak.get() - baseline) >> 20,
                memory.getHeapMemoryUsage().getMax() >> 20);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(lines).isEqualTo(format.equals("csv") ? events + 1 : events);
    }
}
