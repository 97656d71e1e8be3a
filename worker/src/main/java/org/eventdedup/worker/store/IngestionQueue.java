package org.eventdedup.worker.store;

import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The queue of input files in {@code file_ingestions}: the watched folder and {@code POST /api/ingest} put files here,
 * runs take them ({@link PipelineStore#claimPending}). Idempotent by SHA-256 of the content: bytes already
 * {@code completed} are skipped, bytes already queued are not queued twice, and bytes that {@code failed} before are
 * queued again to be validated again (Part A 11). Thread-safe.
 */
public final class IngestionQueue {

    /** What became of an offered file. */
    public enum Outcome {
        /** Queued for the next run. */
        QUEUED,
        /** The same bytes are already queued. */
        ALREADY_QUEUED,
        /** The same bytes were ingested before ("already processed"). */
        SKIPPED
    }

    /** @param ingestionId the row that holds (or held) these bytes */
    public record Offer(Outcome outcome, long ingestionId) {
    }

    private final Jdbi jdbi;

    public IngestionQueue(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /**
     * @param origin     {@code watch} or {@code api}
     * @param sourcePath where the file lies (moved to dead letters if it fails), null for an upload
     */
    public Offer offer(String filename, String sourceCode, String origin, String sourcePath, byte[] content) {
        String hash = PipelineStore.sha256(content);
        return jdbi.inTransaction(h -> {
            Optional<Long> queued = h.createQuery("""
                            INSERT INTO file_ingestions (filename, file_hash, source_code, origin, source_path, status,
                                                         content, size_bytes)
                            VALUES (:filename, :hash, :sourceCode, :origin, :sourcePath, 'pending', :content, :size)
                            ON CONFLICT (file_hash) DO UPDATE SET filename = EXCLUDED.filename,
                                   source_code = EXCLUDED.source_code, origin = EXCLUDED.origin,
                                   source_path = EXCLUDED.source_path, status = 'pending',
                                   content = EXCLUDED.content, size_bytes = EXCLUDED.size_bytes, error = NULL,
                                   event_count = 0, run_id = NULL, received_at = now(), ingested_at = NULL
                             WHERE file_ingestions.status = 'failed'
                            RETURNING id""")
                    .bind("filename", filename).bind("hash", hash).bind("sourceCode", sourceCode)
                    .bind("origin", origin).bind("sourcePath", sourcePath).bind("content", content)
                    .bind("size", (long) content.length)
                    .mapTo(Long.class).findOne();
            if (queued.isPresent()) {
                return new Offer(Outcome.QUEUED, queued.get());
            }
            return h.createQuery("SELECT id, status FROM file_ingestions WHERE file_hash = :hash")
                    .bind("hash", hash)
                    .map((rs, ctx) -> new Offer("pending".equals(rs.getString("status")) ? Outcome.ALREADY_QUEUED
                            : Outcome.SKIPPED, rs.getLong("id")))
                    .one();
        });
    }

    /**
     * Records a file rejected before it could be queued (too large, unreadable): a {@code failed} row with its error
     * and no content. A completed row for the same bytes stays as it is.
     */
    public long recordRejected(String filename, String sourceCode, String origin, String hash, long size,
                               String errorJson) {
        return jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO file_ingestions (filename, file_hash, source_code, origin, status, size_bytes,
                                                     error, ingested_at)
                        VALUES (:filename, :hash, :sourceCode, :origin, 'failed', :size, CAST(:error AS jsonb), now())
                        ON CONFLICT (file_hash) DO UPDATE SET error = EXCLUDED.error, ingested_at = now()
                         WHERE file_ingestions.status = 'failed'
                        RETURNING id""")
                .bind("filename", filename).bind("hash", hash).bind("sourceCode", sourceCode).bind("origin", origin)
                .bind("size", size).bind("error", errorJson)
                .mapTo(Long.class).findOne().orElse(-1L));
    }
}
