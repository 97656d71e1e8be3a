package org.eventdedup.worker.adapter.persistence;

import java.util.Objects;
import java.util.function.Function;
import org.eventdedup.worker.port.PipelineStore;
import org.eventdedup.worker.port.PipelineTransactions;
import org.jdbi.v3.core.Jdbi;

/** A pipeline run's unit of work as one PostgreSQL transaction. */
public final class JdbiPipelineTransactions implements PipelineTransactions {

    private final Jdbi jdbi;

    public JdbiPipelineTransactions(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public <T> T inTransaction(Function<PipelineStore, T> work) {
        return jdbi.inTransaction(handle -> work.apply(new JdbiPipelineStore(handle)));
    }
}
