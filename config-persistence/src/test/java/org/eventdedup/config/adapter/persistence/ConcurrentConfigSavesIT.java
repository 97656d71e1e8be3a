package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.config.adapter.persistence.ConfigDocuments.section;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.eventdedup.config.domain.model.Change;
import org.eventdedup.config.domain.port.out.ConfigRepository;
import org.eventdedup.config.domain.port.out.HistoryEntry;
import org.eventdedup.config.domain.port.out.StoredConfig;
import org.eventdedup.config.domain.rule.ConfigDocument;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabaseExtension.class)
class ConcurrentConfigSavesIT {

    private static final int THREADS = 8;
    private static final int UPDATES_PER_THREAD = 25;
    private static final int START = 1000;

    @Test
    void concurrent_read_modify_write_loses_no_update_and_leaves_no_version_gap(PersistenceModule persistence)
            throws Exception {
        ConfigRepository repository = persistence.configRepository();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String who = "writer-" + t;
            workers.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < UPDATES_PER_THREAD; i++) {
                    while (!incrementCounter(repository, who)) {
                        conflicts.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> worker : workers) {
            worker.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        int total = THREADS * UPDATES_PER_THREAD;
        StoredConfig last = repository.load().orElseThrow();
        assertThat(last.version()).isEqualTo(total);
        assertThat(counter(last.document())).isEqualTo(START + total);
        List<HistoryEntry> history = repository.history(1000, null);
        assertThat(history).extracting(HistoryEntry::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).map(v -> total + 1 - v).boxed().toList());
        // each history entry's change records exactly the increment that version made
        for (HistoryEntry entry : history) {
            assertThat(entry.changes()).containsExactly(new Change("/ai/max_output_tokens",
                    (int) (START + entry.version() - 1), (int) (START + entry.version())));
        }
        System.out.printf("%d conditional saves from %d threads, %d retries after a conflict%n", total, THREADS,
                conflicts.get());
    }

    /** What the config service does: read, change, save conditionally; false means someone else won. */
    private static boolean incrementCounter(ConfigRepository repository, String who) {
        Optional<StoredConfig> read = repository.load();
        long current = read.map(StoredConfig::version).orElse(0L);
        Map<String, Object> document = read.map(StoredConfig::document)
                .orElseGet(() -> withCounter(ConfigDocuments.defaults(), START));
        int before = counter(document);
        Map<String, Object> next = withCounter(document, before + 1);
        return repository.save(current, new StoredConfig(next, null, current + 1, Instant.now(), who),
                List.of(new Change("/ai/max_output_tokens", before, before + 1)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withCounter(Map<String, Object> document, int value) {
        Map<String, Object> copy = (Map<String, Object>) ConfigDocument.deepCopy(document);
        section(copy, "ai").put("max_output_tokens", value);
        return copy;
    }

    private static int counter(Map<String, Object> document) {
        return ((Number) section(document, "ai").get("max_output_tokens")).intValue();
    }
}
