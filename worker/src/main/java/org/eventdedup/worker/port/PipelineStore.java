package org.eventdedup.worker.port;

/**
 * Everything one pipeline run reads and writes, inside one transaction (see {@link PipelineTransactions}): the
 * queue's claims, the listings, the decisions, the canonical events and the run log. Not thread-safe.
 */
public interface PipelineStore extends FileClaims, ListingStore, DecisionStore, CanonicalStore, RunLog {

    /** Waits until no other run holds the pipeline; released when this transaction ends. */
    void lockPipeline();

    /**
     * Refreshes the query planner's statistics of the pipeline tables after a bulk write (a database whose
     * autovacuum is off would otherwise plan on the statistics of empty tables).
     */
    void analyze();
}
