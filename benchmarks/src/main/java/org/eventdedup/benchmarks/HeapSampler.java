package org.eventdedup.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/** Samples the heap in use (live data and not yet collected garbage) every 20 ms on a daemon thread. */
final class HeapSampler {
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    HeapSampler start() {
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void sample() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peak.accumulateAndGet(used, Math::max);
    }

    long stop() {
        running = false;
        thread.interrupt();
        sample();
        return peak.get();
    }
}
