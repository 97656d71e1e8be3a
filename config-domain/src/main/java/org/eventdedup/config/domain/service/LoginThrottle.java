package org.eventdedup.config.domain.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Failed sign-ins per name and per client address: after {@code maxFailures} within {@code window} further attempts
 * are refused until the oldest of those failures leaves the window. In memory, per process: each API server counts
 * its own attempts (documented in docs/http-api.md). Keeps only the last {@code maxFailures} failures of a key, and drops
 * keys whose failures have all left the window, so memory stays bounded by the attempts of one window.
 */
final class LoginThrottle {
    private static final int PRUNE_EVERY = 1024;

    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();
    private int recordedSincePrune;

    LoginThrottle(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Seconds until the name and the address may try again; 0 when they may now. */
    synchronized long retryAfterSeconds(String name, String address, Instant now) {
        return Math.max(blockedFor(nameKey(name), now), blockedFor(addressKey(address), now));
    }

    synchronized void recordFailure(String name, String address, Instant now) {
        record(nameKey(name), now);
        if (address != null) {
            record(addressKey(address), now);
        }
        if (++recordedSincePrune >= PRUNE_EVERY) {
            recordedSincePrune = 0;
            prune(now);
        }
    }

    /** A successful sign-in clears the name's failures (not the address's: one good account must not reset it). */
    synchronized void recordSuccess(String name) {
        failures.remove(nameKey(name));
    }

    synchronized int trackedKeys() {
        return failures.size();
    }

    private long blockedFor(String key, Instant now) {
        if (key == null) {
            return 0;
        }
        Deque<Instant> times = failures.get(key);
        if (times == null || times.size() < maxFailures) {
            return 0;
        }
        Instant freeAt = times.peekFirst().plus(window);
        if (!now.isBefore(freeAt)) {
            return 0;
        }
        long millis = Duration.between(now, freeAt).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(now);
        while (times.size() > maxFailures) {
            times.removeFirst();
        }
    }

    private void prune(Instant now) {
        Instant horizon = now.minus(window);
        for (Iterator<Deque<Instant>> it = failures.values().iterator(); it.hasNext(); ) {
            if (!it.next().peekLast().isAfter(horizon)) {
                it.remove();
            }
        }
    }

    private static String nameKey(String name) {
        return name == null ? null : "name:" + name.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return address == null ? null : "address:" + address;
    }
}
