package org.eventdedup.worker.tuning;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eventdedup.matching.tuning.Objective;
import org.eventdedup.matching.tuning.Suggestion;
import org.eventdedup.matching.tuning.TuningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs suggestions in the background, at most one at a time (a suggestion keeps the cores busy for seconds): a
 * caller starts one, waits a little for it, and polls or cancels it by id when it takes longer. The last job stays
 * readable until the next one starts.
 */
public final class SuggestionJobs {

    public enum Status { RUNNING, DONE, FAILED, CANCELLED }

    /** Another suggestion is still running; {@link #runningId()} names it, to poll or cancel. */
    public static final class BusyException extends RuntimeException {
        private final String runningId;

        BusyException(String runningId) {
            super("a suggestion is already running (" + runningId + ")");
            this.runningId = runningId;
        }

        public String runningId() {
            return runningId;
        }
    }

    /** One suggestion run; its outcome is set once. */
    public static final class Job {
        private final String id;
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile Thread thread;
        private volatile Status status = Status.RUNNING;
        private volatile Suggestion suggestion;
        private volatile String failure;

        private Job(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public Status status() {
            return status;
        }

        /** Present when {@link Status#DONE}. */
        public Optional<Suggestion> suggestion() {
            return Optional.ofNullable(suggestion);
        }

        /** Why the labels could not support a suggestion, when {@link Status#FAILED}. */
        public Optional<String> failure() {
            return Optional.ofNullable(failure);
        }

        /** Waits up to {@code timeout} for the job to end; true when it has. */
        public boolean await(Duration timeout) {
            try {
                return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void end(Status outcome, Suggestion result, String why) {
            suggestion = result;
            failure = why;
            status = outcome;
            finished.countDown();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SuggestionJobs.class);

    private final SuggestConfig suggest;
    private final AtomicLong sequence = new AtomicLong();
    private Job current;

    public SuggestionJobs(SuggestConfig suggest) {
        this.suggest = Objects.requireNonNull(suggest, "suggest");
    }

    /**
     * Starts a suggestion on its own thread.
     *
     * @throws BusyException while another one runs
     */
    public synchronized Job start(Objective objective, int listings) {
        Objects.requireNonNull(objective, "objective");
        if (current != null && current.status() == Status.RUNNING) {
            throw new BusyException(current.id());
        }
        Job job = new Job("s" + sequence.incrementAndGet());
        Thread thread = new Thread(() -> run(job, objective, listings), "config-suggest-" + job.id());
        thread.setDaemon(true);
        job.thread = thread;
        current = job;
        thread.start();
        return job;
    }

    private void run(Job job, Objective objective, int listings) {
        try {
            job.end(Status.DONE, suggest.suggest(objective, listings), null);
        } catch (CancellationException e) {
            job.end(Status.CANCELLED, null, null);
        } catch (TuningException e) {
            job.end(Status.FAILED, null, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Config suggestion {} failed", job.id(), e);
            job.end(Status.FAILED, null, "the suggestion failed unexpectedly; the server log has the details");
        }
    }

    /** The job with this id, while it is the latest one. */
    public synchronized Optional<Job> find(String id) {
        return current != null && current.id().equals(id) ? Optional.of(current) : Optional.empty();
    }

    /**
     * Asks a running job to stop (it ends as {@link Status#CANCELLED} within a search step); a finished job stays as
     * it is.
     *
     * @return false when no job has this id
     */
    public synchronized boolean cancel(String id) {
        Optional<Job> job = find(id);
        job.filter(j -> j.status() == Status.RUNNING).ifPresent(j -> j.thread.interrupt());
        return job.isPresent();
    }
}
