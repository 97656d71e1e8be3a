package org.eventdedup.worker.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded run.
 *
 * @param status        {@code completed} or {@code failed}
 * @param mode          {@code incremental} or {@code full}; null when the run failed before matching
 * @param configVersion the config version the run used; null when the config could not be loaded
 * @param counts        the run's figures by name ({@code ingested}, {@code pairs}, {@code match}, ...; see
 *                      {@code PipelineRun}); empty for a failed run
 * @param error         why a failed run failed; null for a completed one
 */
public record RunView(long id, Instant startedAt, Instant finishedAt, String status, String mode, Long configVersion,
                      String configSource, Map<String, Long> counts, List<String> warnings, String error) {
    public RunView {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(status, "status");
        counts = Map.copyOf(counts);
        warnings = List.copyOf(warnings);
    }
}
