package org.eventdedup.worker.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process's loop (contract §3 {@code worker}; {@code serve} runs it beside the API): queue the files
 * already in the watched folder (sorted by name, one batch), then queue each batch the watcher reports, and run the
 * pipeline until nothing is left. It also runs when idle for a poll interval, which picks up uploads from
 * {@code POST /api/ingest} (possibly received by another process) and a changed config. A failed run is recorded by
 * {@link PipelineRun}; the loop waits a little longer and tries again, it never ends because of one.
 */
public final class IngestionWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestionWorker.class);

    /** Waiting times of the loop. */
    public record Timing(Duration settle, Duration idlePoll, Duration failureBackoff) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    private final Path folder;
    private final FileIntake intake;
    private final PipelineRun pipeline;
    private final Timing timing;
    private Thread thread;
    private volatile boolean stopping;

    public IngestionWorker(Path folder, FileIntake intake, PipelineRun pipeline, Timing timing) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    /** Starts the loop on its own thread. */
    public synchronized IngestionWorker start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this::loop, "event-dedup-worker");
        thread.start();
        return this;
    }

    private void loop() {
        try (FolderWatcher watcher = new FolderWatcher(folder, timing.settle())) {
            log.info("Worker watching {}", folder.toAbsolutePath());
            offer(watcher.scan());
            while (!stopping) {
                boolean ok = runUntilIdle();
                if (stopping) {
                    break;
                }
                List<Path> batch = watcher.nextBatch(ok ? timing.idlePoll() : timing.failureBackoff());
                offer(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.error("Worker loop stopped: cannot watch {}: {}", folder.toAbsolutePath(), e.toString());
        }
        log.info("Worker stopped");
    }

    private void offer(List<Path> files) {
        for (Path file : files) {
            try {
                FileIntake.Result result = intake.offerFile(file);
                log.info("{}: {}", file.getFileName(), result.detail());
            } catch (IOException | RuntimeException e) {
                // the database may be away for a moment: the file is offered again by the next startup scan
                log.warn("Could not queue {}: {}", file.getFileName(), e.toString());
            }
        }
    }

    /** @return false when a run failed (the loop then backs off) */
    private boolean runUntilIdle() {
        for (int runs = 0; runs < 1_000 && !stopping; runs++) {
            Optional<RunSummary> run = pipeline.runOnce();
            if (run.isEmpty()) {
                return true;
            }
            if (!run.get().completed()) {
                return false;
            }
        }
        return true;
    }

    /** Stops after the current run (which commits or rolls back as a whole). */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            stopping = true;
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
