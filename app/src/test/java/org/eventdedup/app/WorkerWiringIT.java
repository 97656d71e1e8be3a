package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.app.ServeWithWorker.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.testing.db.FreshDatabaseExtension;
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
        try (ServeWithWorker serve = ServeWithWorker.start(database, persistence, eventData, deadLetters)) {
            serve.dropOneParadeTwice();

            Thread.sleep(500); // the loop is idle, with a poll of 5 s ahead of it
            Instant saving = Instant.now();
            assertThat(serve.send("PATCH", "/api/config", "{\"thresholds\": {\"high\": 0.999}}").statusCode())
                    .isEqualTo(200);

            await(() -> serve.count("SELECT count(*) FROM pipeline_runs WHERE status = 'completed'"
                    + " AND config_version = 1 AND mode = 'full'") == 1);
            assertThat(serve.count("SELECT count(*) FROM canonical_events")).as("the pair no longer matches")
                    .isEqualTo(2);
            assertThat(Duration.between(saving, lastRunStart(serve))).as("the save woke the worker")
                    .isLessThan(Duration.ofMillis(1500));

            Thread.sleep(500);
            Instant labelling = Instant.now();
            assertThat(serve.send("PUT", "/api/labels", "{\"a\": \"a\", \"b\": \"b\", \"label\": \"same\"}")
                    .statusCode()).isEqualTo(200);
            await(() -> serve.count("SELECT count(*) FROM canonical_events") == 1);
            assertThat(Duration.between(labelling, lastRunStart(serve))).as("the label woke the worker")
                    .isLessThan(Duration.ofMillis(1500));
        }
    }

    private static Instant lastRunStart(ServeWithWorker serve) {
        return serve.jdbi().withHandle(h -> h.createQuery("SELECT max(started_at) FROM pipeline_runs")
                .mapTo(OffsetDateTime.class).one()).toInstant();
    }
}
