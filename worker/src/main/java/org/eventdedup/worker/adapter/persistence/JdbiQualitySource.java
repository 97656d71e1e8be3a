package org.eventdedup.worker.adapter.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.worker.port.QualitySource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** The ground truth and the canonical events of several listings, read in one repeatable-read transaction. */
public final class JdbiQualitySource implements QualitySource {

    private final Jdbi jdbi;

    public JdbiQualitySource(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Snapshot read() {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            handle.execute("SET TRANSACTION READ ONLY");
            GroundTruth truth = JdbiGroundTruthStore.load(handle);
            List<List<String>> events = new ArrayList<>();
            handle.createQuery("""
                            SELECT array_agg(source_event_id ORDER BY source_event_id) FROM canonical_event_sources
                             GROUP BY canonical_event_id HAVING count(*) > 1""")
                    .setFetchSize(1000)
                    .map((rs, ctx) -> List.of((String[]) rs.getArray(1).getArray()))
                    .forEach(events::add);
            int labels = handle.createQuery("SELECT count(*) FROM pair_labels").mapTo(Integer.class).one();
            int imported = handle.createQuery("SELECT count(*) FROM ground_truth_pairs").mapTo(Integer.class).one();
            return new Snapshot(truth, events, labels, imported);
        });
    }
}
