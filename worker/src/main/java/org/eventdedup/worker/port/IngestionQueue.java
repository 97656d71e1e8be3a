package org.eventdedup.worker.port;

import java.util.List;

/**
 * Where input files wait for a run: the watched folder and uploads put files here, runs take them
 * ({@link FileClaims}). Idempotent by SHA-256 of the content: bytes already {@code completed} are skipped, bytes
 * already queued are not queued twice, and bytes that {@code failed} before are queued again to be validated again
 * (Part A 11). Implementations are thread-safe.
 */
public interface IngestionQueue {

    /** What became of an offered file. */
    enum Outcome {
        /** Queued for the next run. */
        QUEUED,
        /** The same bytes are already queued. */
        ALREADY_QUEUED,
        /** The same bytes were ingested before ("already processed"). */
        SKIPPED
    }

    /** @param ingestionId the entry that holds (or held) these bytes */
    record Offer(Outcome outcome, long ingestionId) {
    }

    /**
     * @param origin     {@code watch} or {@code api}
     * @param sourcePath where the file lies (moved to dead letters if it fails), null for an upload
     */
    Offer offer(String filename, String sourceCode, String origin, String sourcePath, byte[] content);

    /** A file to queue, as {@link #offer} takes it. */
    record Candidate(String filename, String sourceCode, String origin, String sourcePath, byte[] content) {
    }

    /**
     * Queues several files at once, in one transaction: all are recorded or none (a lost database records none).
     *
     * @return each file's outcome, in order, as {@link #offer} one after the other would give them
     */
    default List<Offer> offerAll(List<Candidate> files) {
        return files.stream().map(f -> offer(f.filename(), f.sourceCode(), f.origin(), f.sourcePath(), f.content()))
                .toList();
    }

    /**
     * Records a file rejected before it could be queued (too large, unreadable): a {@code failed} entry with its
     * error and no content. A completed entry for the same bytes stays as it is.
     *
     * @return the entry's id, or -1 when completed bytes were left alone
     */
    long recordRejected(String filename, String sourceCode, String origin, String hash, long size, String errorJson);
}
