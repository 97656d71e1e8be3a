package org.eventdedup.worker.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A run's bulk writes, one after the other on a background thread, while the run scores and reads committed rows on
 * other connections: PostgreSQL ingests rows on its own core instead of the run waiting for it. The transaction's
 * connection belongs to the background thread from {@link #submit} until {@link #await} returns.
 */
final class WriteBehind {

    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
    private long waitedNanos;

    /** Queues {@code write} after the writes queued before it. */
    void submit(Runnable write) {
        pending = pending.thenRunAsync(write, task -> {
            Thread thread = new Thread(task, Thread.currentThread().getName() + "-write-behind");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Waits for every queued write; rethrows the first failure (later writes were skipped). */
    void await() {
        long start = System.nanoTime();
        try {
            pending.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            waitedNanos += System.nanoTime() - start;
        }
    }

    /** How long {@link #await} waited in all: the part of the writes that computing did not hide. */
    long waitedMillis() {
        return waitedNanos / 1_000_000;
    }

    /** Waits without throwing: the run failed already, and its connection must be idle before it rolls back. */
    void awaitQuietly() {
        try {
            pending.handle((ok, failure) -> null).join();
        } catch (RuntimeException ignored) {
            // nothing: handle() never completes exceptionally
        }
    }
}
