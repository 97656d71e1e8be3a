package org.eventdedup.worker.port;

import org.eventdedup.worker.testing.InMemoryPipelineStorage;
import org.junit.jupiter.api.BeforeEach;

/** The storage contract on the in-memory fake the run policy's unit tests use. */
class InMemoryPipelineStoreTest extends PipelineStoreContract {

    private InMemoryPipelineStorage storage;

    @BeforeEach
    void empty_storage() {
        storage = new InMemoryPipelineStorage();
    }

    @Override
    protected PipelineTransactions transactions() {
        return storage;
    }

    @Override
    protected IngestionQueue queue() {
        return storage;
    }
}
