package org.eventdedup.worker.port;

import java.time.Clock;
import org.eventdedup.worker.testing.InMemoryGroundTruthStore;
import org.eventdedup.worker.testing.InMemoryPipelineStorage;
import org.junit.jupiter.api.BeforeEach;

class InMemoryGroundTruthStoreTest extends GroundTruthStoreContract {

    private InMemoryPipelineStorage storage;
    private GroundTruthStore store;

    @BeforeEach
    void empty() {
        storage = new InMemoryPipelineStorage();
        store = new InMemoryGroundTruthStore(storage, Clock.systemUTC());
    }

    @Override
    protected GroundTruthStore store() {
        return store;
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
