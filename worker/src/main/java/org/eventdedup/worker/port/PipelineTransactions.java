package org.eventdedup.worker.port;

import java.util.function.Function;

/**
 * The unit of work of a pipeline run: everything {@code work} writes through the store commits together when it
 * returns, and nothing of it stays when it throws.
 */
public interface PipelineTransactions {

    <T> T inTransaction(Function<PipelineStore, T> work);
}
