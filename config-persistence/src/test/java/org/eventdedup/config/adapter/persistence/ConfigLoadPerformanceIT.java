package org.eventdedup.config.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eventdedup.config.domain.port.out.ConfigRepository;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A pipeline run loads the config first; that load must not show up in its timing. */
@ExtendWith(FreshDatabaseExtension.class)
class ConfigLoadPerformanceIT {

    private static final int LOADS = 1000;

    @Test
    void loads_the_config_in_well_under_a_millisecond_median(PersistenceModule persistence) {
        ConfigRepository repository = persistence.configRepository();
        repository.save(0, ConfigDocuments.stored(ConfigDocuments.nonDefault(), 1, "token", Instant.now()), List.of());
        for (int i = 0; i < 500; i++) {
            repository.load().orElseThrow(); // JIT and server-side prepared statement
        }

        long[] loadNanos = new long[LOADS];
        long[] versionNanos = new long[LOADS];
        for (int i = 0; i < LOADS; i++) {
            long start = System.nanoTime();
            repository.load().orElseThrow();
            loadNanos[i] = System.nanoTime() - start;
            start = System.nanoTime();
            repository.currentVersion();
            versionNanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(loadNanos);
        Arrays.sort(versionNanos);

        System.out.printf("config load over %d runs: median %d µs, p95 %d µs; currentVersion median %d µs%n", LOADS,
                loadNanos[LOADS / 2] / 1000, loadNanos[LOADS * 95 / 100] / 1000, versionNanos[LOADS / 2] / 1000);
        assertThat(loadNanos[LOADS / 2]).isLessThan(1_000_000);
    }
}
