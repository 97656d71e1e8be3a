package org.eventdedup.worker.adapter.persistence;

import org.eventdedup.config.adapter.persistence.PersistenceModule;
import org.eventdedup.testing.db.FreshDatabaseExtension;
import org.eventdedup.worker.port.IngestionQueue;
import org.eventdedup.worker.port.PipelineStoreContract;
import org.eventdedup.worker.port.PipelineTransactions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The storage contract on PostgreSQL: the same tests the in-memory fake passes. */
@ExtendWith(FreshDatabaseExtension.class)
class JdbiPipelineStoreIT extends PipelineStoreContract {

    private final Jdbi jdbi;

    JdbiPipelineStoreIT(PersistenceModule persistence) {
        this.jdbi = persistence.jdbi();
    }

    @BeforeEach
    void empty_tables() {
        jdbi.useHandle(h -> h.execute("TRUNCATE file_ingestions, source_events, match_decisions, canonical_events,"
                + " canonical_event_sources, pipeline_runs, ai_usage_log RESTART IDENTITY CASCADE"));
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
