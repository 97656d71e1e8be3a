package org.eventdedup.worker.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.matching.evaluation.GroundTruth;
import org.eventdedup.matching.evaluation.IdPair;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.port.GroundTruthStore;
import org.eventdedup.worker.port.GroundTruthStoreContract;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.port.PipelineTransactions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabaseExtension.class)
class JdbiGroundTruthStoreIT extends GroundTruthStoreContract {

    private final Jdbi jdbi;

    JdbiGroundTruthStoreIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(h -> h.execute("TRUNCATE audit_log, ground_truth_imports, ground_truth_pairs, ground_truth_listings,"
                + " file_ingestions, source_events RESTART IDENTITY CASCADE"));
    }

    @Test
    void an_import_writes_its_audit_row_in_the_same_transaction() {
        storeListings("a-1", "a-2");

        store().replace(new GroundTruth(Set.of(new IdPair("a-1", "a-2")), Set.of("a-1", "a-2", "zz"), 0), "alice");

        List<String> rows = jdbi.withHandle(h -> h.createQuery(
                        "SELECT actor || ' ' || action || ' ' || details::text FROM audit_log ORDER BY id")
                .mapTo(String.class).list());
        assertThat(rows).containsExactly(
                "alice ground_truth.import {\"pairs\": 1, \"listings\": 2, \"unknown_listings\": 1}");
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
