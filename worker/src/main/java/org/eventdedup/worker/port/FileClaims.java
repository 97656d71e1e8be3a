package org.eventdedup.worker.port;

import java.util.List;
import java.util.Map;

/** A run's side of the ingestion queue: take queued files and record what became of each. */
public interface FileClaims {

    /** Takes up to {@code limit} queued files, oldest first, skipping those another run holds. */
    List<ClaimedFile> claimPending(int limit);

    /** The queued bytes of a file this run claimed. */
    byte[] content(long fileId);

    void markCompleted(long fileId, int eventCount, Map<String, Object> metadata, long runId);

    /** @param error the JSON of the error document (the same as the dead letter's {@code .error.json}) */
    void markFailed(long fileId, String error, long runId);
}
