package org.eventdedup.worker.query;

import java.util.List;
import java.util.Optional;

/** Recorded pipeline runs ({@code pipeline_runs}), newest first. */
public interface ReadRunsUseCase {

    /** The newest {@code limit} runs, newest first. */
    List<RunView> recentRuns(int limit);

    long countRuns();

    Optional<RunDetail> run(long id);
}
