package org.eventdedup.worker.run;

import java.util.List;
import java.util.Map;

/**
 * What one {@link PipelineRun#runOnce()} did, as recorded in {@code pipeline_runs}.
 *
 * @param runId  the row id; -1 when even the failure could not be recorded
 * @param mode   {@code incremental} or {@code full}; null when the run failed before matching
 * @param counts the run's figures by name (see {@link PipelineRun})
 * @param timings the run's stage timings in milliseconds by name (empty for a failed run)
 * @param error  why the run failed, null when it completed
 */
public record RunSummary(long runId, boolean completed, String mode, Long configVersion, Map<String, Long> counts,
                         Map<String, Long> timings, List<String> warnings, String error) {
    public RunSummary {
        counts = Map.copyOf(counts);
        timings = Map.copyOf(timings);
        warnings = List.copyOf(warnings);
    }

    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }
}
