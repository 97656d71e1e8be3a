package org.eventdedup.worker.adapter.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eventdedup.worker.input.ContentHash;
import org.eventdedup.worker.port.IngestionQueue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The ingestion queue in {@code file_ingestions}, unique by content hash. */
public final class JdbiIngestionQueue implements IngestionQueue {

    private final Jdbi jdbi;

    public JdbiIngestionQueue(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Offer offer(String filename, String sourceCode, String origin, String sourcePath, byte[] content) {
        return offerAll(List.of(new Candidate(filename, sourceCode, origin, sourcePath, content))).get(0);
    }

    /** One transaction, so one commit for all; the hashes are computed on all cores first. */
    @Override
    public List<Offer> offerAll(List<Candidate> files) {
        List<String> hashes = files.parallelStream().map(f -> ContentHash.sha256(f.content())).toList();
        return jdbi.inTransaction(h -> {
            List<Offer> offers = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                offers.add(offer(h, files.get(i), hashes.get(i)));
            }
            return offers;
        });
    }

    private static Offer offer(Handle h, Candidate file, String hash) {
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
                .bind("filename", file.filename()).bind("hash", hash).bind("sourceCode", file.sourceCode())
                .bind("origin", file.origin()).bind("sourcePath", file.sourcePath()).bind("content", file.content())
                .bind("size", (long) file.content().length)
                .mapTo(Long.class).findOne();
        if (queued.isPresent()) {
            return new Offer(Outcome.QUEUED, queued.get());
        }
        return h.createQuery("SELECT id, status FROM file_ingestions WHERE file_hash = :hash")
                .bind("hash", hash)
                .map((rs, ctx) -> new Offer("pending".equals(rs.getString("status")) ? Outcome.ALREADY_QUEUED
                        : Outcome.SKIPPED, rs.getLong("id")))
                .one();
    }

    @Override
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
