package org.eventdedup.worker.port;

import java.util.Optional;
import java.util.function.Function;

/**
 * The unit of work of a pipeline run: everything {@code work} writes through the store commits together when it
 * returns, and nothing of it stays when it throws.
 */
public interface PipelineTransactions {

    <T> T inTransaction(Function<PipelineStore, T> work);

    /**
     * Reads on a connection of their own that see only committed rows — what was stored before the calling run's
     * transaction — so a run can read while its own connection is busy writing. Empty when the store cannot; the run
     * then reads and writes in turn.
     */
    default Optional<CommittedReads> committedReads() {
        return Optional.empty();
    }

    /** Read-only work on committed rows; {@code work} must not write. Safe to call from any thread. */
    interface CommittedReads {

        <T> T read(Function<PipelineStore, T> work);
    }
}
