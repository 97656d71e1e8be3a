package org.eventdedup.worker.adapter.persistence;

import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.port.GroundTruthStore;
import org.eventdedup.worker.port.GroundTruthStoreContract;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.port.PipelineTransactions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabaseExtension.class)
class JdbiGroundTruthStoreIT extends GroundTruthStoreContract {

    private final Jdbi jdbi;

    JdbiGroundTruthStoreIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(h -> h.execute("TRUNCATE ground_truth_imports, ground_truth_pairs, ground_truth_listings,"
                + " file_ingestions, source_events RESTART IDENTITY CASCADE"));
    }

    @Override
    protected GroundTruthStore store() {
        return new JdbiGroundTruthStore(jdbi);
    }

    @Override
    protected PipelineTransactions transactions() {
        return new JdbiPipelineTransactions(jdbi);
    }

    @Override
    protected IngestionQueue queue() {
        return new JdbiIngestionQueue(jdbi);
    }
}
