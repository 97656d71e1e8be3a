package org.eventdedup.worker.port;

import java.time.Clock;
import org.eventdedup.worker.testing.InMemoryLabelStore;
import org.eventdedup.worker.testing.InMemoryPipelineStorage;

class InMemoryLabelStoreTest extends LabelStoreContract {

    private InMemoryPipelineStorage storage;
    private LabelStore store;

    @Override
    protected void empty() {
        storage = new InMemoryPipelineStorage();
        store = new InMemoryLabelStore(storage, Clock.systemUTC());
    }

    @Override
    protected LabelStore store() {
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
