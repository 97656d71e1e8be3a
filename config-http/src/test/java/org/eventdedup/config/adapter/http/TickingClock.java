package org.eventdedup.config.adapter.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves one second per reading, so every saved version has its own updated_at. */
final class TickingClock extends Clock {
    private final AtomicReference<Instant> now;

    TickingClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(t -> t.plus(Duration.ofSeconds(1)));
    }
}
