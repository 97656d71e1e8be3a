package org.eventdedup.worker.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventdedup.matching.port.AiUsage;

/** The record of pipeline runs and their AI usage. */
public interface RunLog {

    /** The last completed run, whose config decides whether the next run re-matches everything. */
    Optional<PreviousRun> previousRun();

    /**
     * A run that has started: {@code running} until {@link #finishRun} or {@link #failRun}.
     *
     * @param fingerprint           of the whole config
     * @param clusteringFingerprint of the config sections clustering and synthesis read (a full re-match whose
     *                              previous run had the same one re-clusters only what its new decisions touch)
     * @return its id
     */
    long insertRun(Instant startedAt, String mode, long configVersion, String configSource, String fingerprint,
                   String clusteringFingerprint);

    /** The label change revision the run applied (see {@link PreviousRun#labelRevision()}). */
    void recordLabelRevision(long runId, long revision);

    /** The run committed: {@code completed}, with its figures. */
    void finishRun(long runId, Instant finishedAt, Map<String, Long> counts, Map<String, Long> timings,
                   List<String> warnings);

    /** The run rolled back: {@code failed}, with why. */
    void failRun(long runId, Instant finishedAt, List<String> warnings, String error);

    /**
     * Marks every {@code running} run {@code interrupted}: called by a run that holds the pipeline, so no other run
     * can be in progress and a {@code running} one was left by a process that died or lost the database.
     *
     * @return how many were marked
     */
    int interruptRunningRuns(Instant at, String error);

    /** A run that did not complete, written on its own after the run's transaction rolled back. */
    long insertFailedRun(Instant startedAt, Instant finishedAt, Long configVersion, String configSource,
                         String fingerprint, List<String> warnings, String error);

    void insertAiUsage(long runId, String model, AiUsage usage);
}
