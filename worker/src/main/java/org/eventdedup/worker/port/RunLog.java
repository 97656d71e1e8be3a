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

    /** @return the new run's id */
    long insertRun(Instant startedAt, String mode, long configVersion, String configSource, String fingerprint);

    void finishRun(long runId, Instant finishedAt, Map<String, Long> counts, Map<String, Long> timings,
                   List<String> warnings);

    /** A run that did not complete, written on its own after the run's transaction rolled back. */
    long insertFailedRun(Instant startedAt, Instant finishedAt, Long configVersion, String configSource,
                         String fingerprint, List<String> warnings, String error);

    void insertAiUsage(long runId, String model, AiUsage usage);
}
