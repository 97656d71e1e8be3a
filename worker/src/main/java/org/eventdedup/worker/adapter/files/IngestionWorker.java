package org.eventdedup.worker.adapter.files;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.eventdedup.config.domain.port.out.StoreUnavailableException;
import org.eventdedup.worker.ingest.FileIntake;
import org.eventdedup.worker.run.PipelineRun;
import org.eventdedup.worker.run.RunSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process's loop (contract §3 {@code worker}; {@code serve} runs it beside the API): queue the files
 * already in the watched folder (sorted by name, one batch), then queue each batch the watcher reports, and run the
 * pipeline until nothing is left. It also runs when idle for a poll interval, which picks up uploads from
 * {@code POST /api/ingest} (possibly received by another process) and changed labels, and at once when the wake
 * revision changes (the saved config's version, as the config store announces it), so a saved config starts its
 * re-match without waiting for the poll. A failed run is recorded by
 * {@link PipelineRun}; the loop waits a little longer and tries again, it never ends because of one.
 *
 * <p><b>Database outages.</b> When the database cannot be reached ({@link StoreUnavailableException}) the loop
 * pauses: files that could not be queued are kept and offered again, runs are retried, with exponential backoff
 * ({@link Timing#outageFirstRetry()} doubling up to {@link Timing#outageMaxRetry()}), logged once when the outage
 * begins and once when it ends. A run cut off by the outage committed nothing, so its files are still queued and the
 * retry processes them once.
 */
public final class IngestionWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestionWorker.class);

    /** Waiting times of the loop. */
    public record Timing(Duration settle, Duration idlePoll, Duration failureBackoff, Duration outageFirstRetry,
                         Duration outageMaxRetry) {
        public static final Duration DEFAULT_OUTAGE_FIRST_RETRY = Duration.ofMillis(500);
        public static final Duration DEFAULT_OUTAGE_MAX_RETRY = Duration.ofSeconds(30);
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(10));

        /** With the default outage backoff. */
        public Timing(Duration settle, Duration idlePoll, Duration failureBackoff) {
            this(settle, idlePoll, failureBackoff, DEFAULT_OUTAGE_FIRST_RETRY, DEFAULT_OUTAGE_MAX_RETRY);
        }
    }

    /** How often an idle loop looks at the wake revision. */
    static final Duration WAKE_CHECK = Duration.ofMillis(100);

    /** How a round of runs ended. */
    private enum Round { IDLE, RUN_FAILED, STORE_UNAVAILABLE }

    private final Path folder;
    private final FileIntake intake;
    private final PipelineRun pipeline;
    private final Timing timing;
    private final Outage outage;
    /** A number that changes when there is reason to run other than files (a saved config); cheap to ask. */
    private final LongSupplier wakeRevision;
    /** Files seen but not queued yet because the database was away; offered again before the next run. */
    private final Set<Path> unqueued = new TreeSet<>();
    private Thread thread;
    private volatile boolean stopping;

    public IngestionWorker(Path folder, FileIntake intake, PipelineRun pipeline, Timing timing) {
        this(folder, intake, pipeline, timing, () -> 0);
    }

    /** @param wakeRevision asked every {@link #WAKE_CHECK} while idle: a change starts a run at once */
    public IngestionWorker(Path folder, FileIntake intake, PipelineRun pipeline, Timing timing,
                           LongSupplier wakeRevision) {
        this.wakeRevision = Objects.requireNonNull(wakeRevision, "wakeRevision");
        this.folder = Objects.requireNonNull(folder, "folder");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.outage = new Outage(timing.outageFirstRetry(), timing.outageMaxRetry());
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
            unqueued.addAll(watcher.scan());
            while (!stopping) {
                Duration wait;
                // before the round: a config saved while its last run looked is still news after it
                long revision = revision(0);
                try {
                    offerUnqueued();
                    Round round = runUntilIdle();
                    outage.succeeded();
                    wait = round == Round.IDLE ? timing.idlePoll() : timing.failureBackoff();
                } catch (StoreUnavailableException e) {
                    wait = outage.failed(unqueued.isEmpty() ? "pipeline run" : "queueing files", e);
                }
                if (stopping) {
                    break;
                }
                unqueued.addAll(nextBatch(watcher, wait, revision));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            log.error("Worker loop stopped: cannot watch {}: {}", folder.toAbsolutePath(), e.toString());
        }
        log.info("Worker stopped");
    }

    /**
     * Queues the files seen so far, in name order, in batches of one transaction each.
     *
     * @throws StoreUnavailableException when the database is away; the files of the batch it hit and those after it
     *                                   stay unqueued
     */
    private void offerUnqueued() {
        try {
            intake.offerFiles(List.copyOf(unqueued), queued -> {
                if (queued.unreadable() != null) {
                    // gone or unreadable: nothing to retry (a file dropped again is seen again)
                    log.warn("Could not queue {}: {}", queued.file().getFileName(), queued.unreadable().toString());
                } else {
                    log.info("{}: {}", queued.file().getFileName(), queued.result().detail());
                }
                unqueued.remove(queued.file());
            });
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // not an outage: the same files would fail again; a file dropped again is seen again
            log.warn("Could not queue {} file(s): {}", unqueued.size(), e.toString());
            unqueued.clear();
        }
    }

    /**
     * The next files, waiting up to {@code wait}; nothing, at once, when the wake revision moves away from
     * {@code revision}.
     */
    private List<Path> nextBatch(FolderWatcher watcher, Duration wait, long revision) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left = wait.toNanos(); left > 0 && !stopping; left = deadline - System.nanoTime()) {
            List<Path> files = watcher.nextBatch(Duration.ofNanos(Math.min(left, WAKE_CHECK.toNanos())));
            if (!files.isEmpty() || revision(revision) != revision) {
                return files;
            }
        }
        return List.of();
    }

    /** The wake revision, or {@code otherwise} when it cannot be had (the store is away: the poll goes on). */
    private long revision(long otherwise) {
        try {
            return wakeRevision.getAsLong();
        } catch (RuntimeException e) {
            return otherwise;
        }
    }

    /**
     * @return {@link Round#RUN_FAILED} when a run failed (the loop then backs off)
     * @throws StoreUnavailableException when a run could not reach the database (nothing of it was kept)
     */
    private Round runUntilIdle() {
        for (int runs = 0; runs < 1_000 && !stopping; runs++) {
            Optional<RunSummary> run = pipeline.runOnce();
            if (run.isEmpty()) {
                return Round.IDLE;
            }
            outage.succeeded();
            if (!run.get().completed()) {
                return Round.RUN_FAILED;
            }
        }
        return Round.IDLE;
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
