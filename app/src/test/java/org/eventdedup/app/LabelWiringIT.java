package org.eventdedup.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdedup.app.ServeWithWorker.await;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.adapter.persistence.DatabaseSettings;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.config.domain.port.out.AuditEntry;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.adapter.persistence.JdbiLabelStore;
import org.eventdedup.worker.port.LabelStore.NewLabel;
import org.eventdedup.worker.port.LabelStore.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s wiring of labels: a label stored by another process wakes the worker at its poll, and the quality
 * endpoints read the same database.
 */
@ExtendWith(FreshDatabaseExtension.class)
class LabelWiringIT {

    @TempDir
    Path eventData;
    @TempDir
    Path deadLetters;

    @Test
    void a_label_wakes_the_worker_within_seconds_and_the_quality_endpoints_read_it(
            DatabaseSettings database, PersistenceModule persistence) throws Exception {
        try (ServeWithWorker serve = ServeWithWorker.start(database, persistence, eventData, deadLetters)) {
            serve.dropOneParadeTwice();

            long start = System.nanoTime();
            new JdbiLabelStore(serve.jdbi(), Clock.systemUTC()).put(List.of(new NewLabel(IdPair.of("a", "b"),
                    Verdict.DIFFERENT, null)), "admin", new AuditEntry("admin", "label.set", "a|b", Map.of()));
            await(() -> serve.count("SELECT count(*) FROM canonical_events") == 2);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("LabelWiringIT: a different label split the event " + millis + " ms after it was"
                    + " stored");
            assertThat(millis).as("within the idle poll and a run").isLessThan(15_000);

            assertThat(serve.send("GET", "/api/quality", null).body()).contains("\"labels\":1")
                    .contains("\"imported_pairs\":0");
            assertThat(serve.send("GET", "/api/labels/summary", null).body()).contains("\"different\":1")
                    .contains("\"contradictions\":[]");
        }
    }
}
