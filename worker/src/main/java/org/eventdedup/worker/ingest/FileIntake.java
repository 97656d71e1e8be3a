package org.eventdedup.worker.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
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

    /** What became of one file of the watched folder: a result, or why it could not be read. */
    public record Queued(Path file, Result result, IOException unreadable) {
    }

    /** Files a transaction of {@link #offerFiles} queues at most. */
    static final int BATCH_FILES = 200;
    /** Bytes a transaction of {@link #offerFiles} queues at most (unless one file is larger): its memory. */
    static final long BATCH_BYTES = 64L * 1024 * 1024;

    /**
     * Files of the watched folder, in order, queued in batches of one transaction each (up to {@value #BATCH_FILES}
     * files and {@value #BATCH_BYTES} bytes): a commit a batch instead of a commit a file. {@code each} hears of a
     * file once its batch is committed (of a file too large or unreadable, at once).
     *
     * @throws org.eventdedup.config.domain.port.out.StoreUnavailableException when the database is away: the files
     *         not reported yet were not queued
     */
    public void offerFiles(List<Path> files, Consumer<Queued> each) {
        List<Path> paths = new ArrayList<>();
        List<IngestionQueue.Candidate> batch = new ArrayList<>();
        long bytes = 0;
        for (Path file : files) {
            byte[] content;
            try {
                if (Files.size(file) > maxBytes) {
                    each.accept(new Queued(file, offerFile(file), null));
                    continue;
                }
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                each.accept(new Queued(file, null, e));
                continue;
            }
            if (!batch.isEmpty() && (batch.size() >= BATCH_FILES || bytes + content.length > BATCH_BYTES)) {
                offerBatch(paths, batch, each);
                bytes = 0;
            }
            String name = file.getFileName().toString();
            paths.add(file);
            batch.add(new IngestionQueue.Candidate(name, InputFileParser.sourceCode(name), "watch", file.toString(),
                    content));
            bytes += content.length;
        }
        if (!batch.isEmpty()) {
            offerBatch(paths, batch, each);
        }
    }

    private void offerBatch(List<Path> paths, List<IngestionQueue.Candidate> batch, Consumer<Queued> each) {
        List<IngestionQueue.Offer> offers = queue.offerAll(batch);
        for (int i = 0; i < offers.size(); i++) {
            each.accept(new Queued(paths.get(i), result(batch.get(i).filename(), offers.get(i)), null));
        }
        paths.clear();
        batch.clear();
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
        return result(name, queue.offer(name, InputFileParser.sourceCode(name), origin, path, content));
    }

    private static Result result(String name, IngestionQueue.Offer offer) {
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
