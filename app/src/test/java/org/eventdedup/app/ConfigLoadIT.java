package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.eventdedup.benchmarks.ConfigLoad;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Load: 50 clients read the config and 5 edit it with If-Match for 60 s (override with
 * {@code -Devent-dedup.load-seconds=N}) against the running application. No answer other than 200 and the editors'
 * expected 412s, no lost update (each editor adds one to {@code ai.max_output_tokens}: the final value is the
 * initial one plus the saved edits) and a gapless history whose every entry is exactly one such increment. The p99
 * read latency is printed, not asserted (the figures belong to {@code bench-load}).
 */
@ExtendWith(FreshDatabaseExtension.class)
class ConfigLoadIT {

    private static final int READERS = 50;
    private static final int EDITORS = 5;

    @Test
    void fifty_readers_and_five_if_match_editors_lose_no_update_and_leave_a_gapless_history(
            DatabaseSettings database, Jdbi jdbi) throws Exception {
        long seconds = Long.getLong("event-dedup.load-seconds", 60);
        try (RunningApp app = RunningApp.start(database, Map.of())) {
            long initial = ConfigLoad.value(app.get("/api/config").body());

            ConfigLoad.Result result = ConfigLoad.run(new ConfigLoad.Plan(app.uri("/"), app.authorization(),
                    "/api/config", READERS, EDITORS, Duration.ofSeconds(seconds)));

            System.out.printf(Locale.ROOT, "ConfigLoadIT: %d s, %d readers: %d reads (%.0f/s), p50 %.2f ms, p99 %.2f ms,"
                            + " max %.2f ms; %d editors: %d saved, %d answered 412%n", seconds, READERS,
                    result.reads(), result.readsPerSecond(), result.readPercentileMs(50),
                    result.readPercentileMs(99), result.readPercentileMs(100), EDITORS, result.edits(),
                    result.conflicts());
            assertThat(result.errors()).as("answers other than 200 and the editors' 412").isEmpty();
            assertThat(result.readErrors()).isZero();
            assertThat(result.editErrors()).isZero();
            assertThat(result.reads()).as("reads").isPositive();
            assertThat(result.edits()).as("saved edits").isPositive();

            long last = ConfigLoad.value(app.get("/api/config").body());
            assertThat(last).as("no lost update: initial %d + %d saved edits", initial, result.edits())
                    .isEqualTo(initial + result.edits());
            assertThat(ConfigLoad.historyProblems(app.client(), app.uri("/"), app.authorization(), 0))
                    .as("history").isEmpty();
            // the same from the tables: one row per version, versions 1..n without a gap
            Map<String, Object> rows = jdbi.withHandle(h -> h.createQuery(
                    "SELECT count(*) AS n, min(version) AS lo, max(version) AS hi, count(DISTINCT version) AS d"
                            + " FROM config_history").mapToMap().one());
            assertThat(rows).containsEntry("n", result.edits()).containsEntry("lo", 1L)
                    .containsEntry("hi", result.edits()).containsEntry("d", result.edits());
            long stored = jdbi.withHandle(h -> h.createQuery("SELECT version FROM config_settings WHERE id = 1")
                    .mapTo(Long.class).one());
            assertThat(stored).isEqualTo(result.edits());
        }
    }
}
