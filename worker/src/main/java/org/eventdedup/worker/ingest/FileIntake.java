package org.eventdedup.worker.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.eventdedup.worker.input.InputFileParser;
import org.eventdedup.worker.input.InputProblem;
import org.eventdedup.worker.input.ContentHash;
import org.eventdedup.worker.input.InputProblems;
import org.eventdedup.worker.port.DeadLetters;
import org.eventdedup.worker.port.IngestionQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where input files enter: from the watched folder and from {@code POST /api/ingest}. A file larger than the limit is
 * rejected at once (dead letters, a {@code failed} row) without being read into memory; everything else is queued
 * by content hash for the next run, which validates it. Thread-safe.
 */
public final class FileIntake {

    private static final Logger log = LoggerFactory.getLogger(FileIntake.class);

    /** Larger input files are rejected: the biggest real exports are a few MiB. */
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;

    /** What became of an offered file; {@code ingestionId} is -1 when nothing could be recorded. */
    public record Result(Status status, long ingestionId, String detail) {
    }

    public enum Status { QUEUED, ALREADY_QUEUED, SKIPPED, REJECTED }

    private final IngestionQueue queue;
    private final DeadLetters deadLetters;
    private final long maxBytes;

    public FileIntake(IngestionQueue queue, DeadLetters deadLetters, long maxBytes) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** A file of the watched folder; moved to dead letters if it is too large. */
    public Result offerFile(Path file) throws IOException {
        String name = file.getFileName().toString();
        long size = Files.size(file);
        if (size > maxBytes) {
            String hash;
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
                in.transferTo(OutputStreamSink.INSTANCE);
                hash = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            }
            return tooLarge(name, file.toString(), null, hash, size);
        }
        return offer(name, "watch", file.toString(), Files.readAllBytes(file));
    }

    /** An uploaded file (its bytes already limited by the HTTP layer). */
    public Result offerUpload(String name, byte[] content) {
        if (content.length > maxBytes) {
            return tooLarge(name, null, content, ContentHash.sha256(content),
                    content.length);
        }
        return offer(name, "api", null, content);
    }

    private Result offer(String name, String origin, String path, byte[] content) {
        IngestionQueue.Offer offer = queue.offer(name, InputFileParser.sourceCode(name), origin, path, content);
        return switch (offer.outcome()) {
            case QUEUED -> new Result(Status.QUEUED, offer.ingestionId(), "queued for the next run");
            case ALREADY_QUEUED -> new Result(Status.ALREADY_QUEUED, offer.ingestionId(),
                    "the same content is already queued");
            case SKIPPED -> {
                log.info("Skipped {}: already processed", name);
                yield new Result(Status.SKIPPED, offer.ingestionId(), "already processed");
            }
        };
    }

    private Result tooLarge(String name, String path, byte[] content, String hash, long size) {
        InputProblem problem = new InputProblem(-1, null, "",
                "file is " + size + " bytes, more than the limit of " + maxBytes + " bytes");
        String error = InputProblems.errorJson(name, List.of(problem));
        deadLetters.reject(name, path, content == null ? new byte[0] : content, error);
        long id = queue.recordRejected(name, InputFileParser.sourceCode(name), path == null ? "api" : "watch",
                hash, size, error);
        return new Result(Status.REJECTED, id, problem.reason());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Discards what is written: the digest stream only needs to be read through. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
