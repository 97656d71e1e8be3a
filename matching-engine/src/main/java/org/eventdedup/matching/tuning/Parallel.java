package org.eventdedup.matching.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs the tuner's independent pieces of work on a pool, or inline without one. Results are written by index or
 * returned in submission order, so the outcome never depends on scheduling.
 */
final class Parallel {

    @FunctionalInterface
    interface RangeTask {
        void run(int from, int to);
    }

    private final ExecutorService pool;

    /** @param poolOrNull null runs everything on the calling thread */
    Parallel(ExecutorService poolOrNull) {
        this.pool = poolOrNull;
    }

    void forRange(int n, int chunk, RangeTask task) {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int from = 0; from < n; from += chunk) {
            int start = from;
            int end = Math.min(n, from + chunk);
            tasks.add(() -> {
                task.run(start, end);
                return null;
            });
        }
        all(tasks);
    }

    /** Each task's result, in the order of {@code tasks}. */
    <T> List<T> all(List<Callable<T>> tasks) {
        List<T> results = new ArrayList<>(tasks.size());
        if (pool == null) {
            for (Callable<T> task : tasks) {
                try {
                    results.add(task.call());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return results;
        }
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(task));
        }
        try {
            for (Future<T> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("tuning was interrupted");
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
        return results;
    }
}
