package org.eventdedup.worker.run;

/**
 * Called by {@link PipelineRun} as it passes each step inside the run's transaction. Production uses {@link #NONE};
 * tests inject one that throws to prove that a run failing at any point leaves the previous state intact.
 */
@FunctionalInterface
public interface RunCheckpoint {

    enum Step {
        /** Queued files parsed; good ones marked completed, bad ones failed. */
        INGESTED,
        /** Listings written. */
        STORED,
        /** Decisions written, canonical events re-synthesised. */
        MATCHED,
        /** The run row is complete; the commit is next. */
        BEFORE_COMMIT
    }

    RunCheckpoint NONE = step -> { };

    void reached(Step step);
}
