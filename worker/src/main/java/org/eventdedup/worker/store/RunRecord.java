package org.eventdedup.worker.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code pipeline_runs}.
 *
 * @param status  {@code completed} or {@code failed}
 * @param mode    {@code incremental}, {@code full}, or null when the run failed before matching
 * @param counts  figures of the run (ingested, pairs, match, ambiguous, no_match, ai_resolved, canonicals, ...)
 * @param timings milliseconds per step
 */
public record RunRecord(long id, Instant startedAt, Instant finishedAt, String status, String mode,
                        Long configVersion, String configSource, String configFingerprint,
                        Map<String, Long> counts, Map<String, Long> timings, List<String> warnings, String error) {
    public RunRecord {
        counts = Map.copyOf(counts);
        timings = Map.copyOf(timings);
        warnings = List.copyOf(warnings);
    }
}
