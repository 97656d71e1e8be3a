package org.eventdedup.matching.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * Wall-clock time of each pipeline stage. Measured with {@link System#nanoTime()}: a stopwatch, never part of any
 * result, so it does not make runs differ (output writers leave it out of byte-identical output).
 */
public record StageTimings(Duration prepare, Duration blocking, Duration scoring, Duration ai, Duration clustering,
                           Duration canonical, Duration total) {
    public StageTimings {
        Objects.requireNonNull(prepare, "prepare");
        Objects.requireNonNull(blocking, "blocking");
        Objects.requireNonNull(scoring, "scoring");
        Objects.requireNonNull(ai, "ai");
        Objects.requireNonNull(clustering, "clustering");
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(total, "total");
    }
}
