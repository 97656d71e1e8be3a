package org.eventdedup.worker.adapter.gemini;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops calling a provider that cannot be reached: after {@value #THRESHOLD} connection failures in a row
 * (refused, unknown host, timeouts, lost connections — not HTTP error answers, which have their own retries) it opens
 * for the rest of its run, and the pairs not yet answered stay ambiguous without further calls. Any answer from
 * the provider resets the count. Thread-safe; one per pipeline run.
 */
final class ConnectionBreaker {

    /** Enough to tell an outage from a blip across the concurrent calls, few enough to give up within seconds. */
    static final int THRESHOLD = 5;

    private final AtomicInteger consecutive = new AtomicInteger();
    private final AtomicReference<String> openedBecause = new AtomicReference<>();
    private final AtomicInteger leftAmbiguous = new AtomicInteger();

    boolean isOpen() {
        return openedBecause.get() != null;
    }

    /** The provider answered (any HTTP status). */
    void answered() {
        if (!isOpen()) {
            consecutive.set(0);
        }
    }

    /** @return true when this failure opened the breaker or it was open already */
    boolean connectionFailed(String problem) {
        if (consecutive.incrementAndGet() >= THRESHOLD) {
            openedBecause.compareAndSet(null, problem);
        }
        return isOpen();
    }

    /** A pair given up because the breaker is open. */
    void pairLeftAmbiguous() {
        leftAmbiguous.incrementAndGet();
    }

    /** The one warning of an open breaker, or null. */
    String summary() {
        String reason = openedBecause.get();
        if (reason == null) {
            return null;
        }
        return "AI provider unreachable (" + reason + "): stopped calling after " + THRESHOLD
                + " connection failures in a row; " + leftAmbiguous.get() + " pairs left ambiguous";
    }
}
