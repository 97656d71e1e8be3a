package org.eventdedup.worker.adapter.files;

import java.time.Duration;
import java.util.Objects;
import org.eventdedup.config.domain.port.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's view of a database outage: how long to wait before the next attempt (exponential, from
 * {@code first}, doubling up to {@code cap}) and what to log — one WARN when the outage begins and one INFO when it
 * ends, each retry in between at DEBUG only. Used by the worker's own thread only.
 */
final class Outage {

    private static final Logger log = LoggerFactory.getLogger(IngestionWorker.class);

    private final Duration first;
    private final Duration cap;
    private int failures;
    private long startedNanos;

    Outage(Duration first, Duration cap) {
        this.first = Objects.requireNonNull(first, "first");
        this.cap = Objects.requireNonNull(cap, "cap");
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= cap, got " + first + " and " + cap);
        }
    }

    /** Records a failed attempt; returns how long to wait before the next. */
    Duration failed(String attempt, StoreUnavailableException e) {
        failures++;
        Duration delay = delay(failures);
        if (failures == 1) {
            startedNanos = System.nanoTime();
            log.warn("Database unavailable ({}: {}): the worker pauses and retries with backoff from {} ms up to {} ms;"
                    + " queued files and runs wait, nothing is lost", attempt, rootMessage(e), first.toMillis(),
                    cap.toMillis());
        } else {
            log.debug("Database still unavailable ({}, attempt {}): next try in {} ms", attempt, failures,
                    delay.toMillis());
        }
        return delay;
    }

    /** Records a successful database operation; logs the end of an outage once. */
    void succeeded() {
        if (failures > 0) {
            log.info("Database available again after {} s and {} failed attempt(s): the worker resumes",
                    Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds(), failures);
            failures = 0;
        }
    }

    boolean ongoing() {
        return failures > 0;
    }

    /** first × 2^(n-1), at most cap. */
    Duration delay(int failure) {
        long millis = first.toMillis();
        for (int i = 1; i < failure && millis < cap.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, cap.toMillis()));
    }

    private static String rootMessage(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
