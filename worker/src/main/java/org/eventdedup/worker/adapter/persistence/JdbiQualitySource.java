package org.eventdedup.worker.adapter.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.worker.port.QualitySource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/** The ground truth and the stored match decisions, read in one repeatable-read transaction. */
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
            List<IdPair> matches = new ArrayList<>();
            handle.createQuery("SELECT a, b FROM match_decisions WHERE decision = 'match'")
                    .setFetchSize(10_000)
                    .map((rs, ctx) -> new IdPair(rs.getString(1), rs.getString(2)))
                    .forEach(matches::add);
            int labels = handle.createQuery("SELECT count(*) FROM pair_labels").mapTo(Integer.class).one();
            int imported = handle.createQuery("SELECT count(*) FROM ground_truth_pairs").mapTo(Integer.class).one();
            return new Snapshot(truth, matches, labels, imported);
        });
    }
}
