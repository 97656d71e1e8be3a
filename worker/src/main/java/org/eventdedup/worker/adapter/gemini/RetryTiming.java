package org.eventdedup.worker.adapter.gemini;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.DoubleSupplier;

/**
 * When to retry (matching-spec Part A 9): exponential backoff with full jitter, at least as long as the server asks
 * ({@code Retry-After} in seconds or as an HTTP date, or {@code google.rpc.RetryInfo.retryDelay}), never longer
 * than the cap.
 */
final class RetryTiming {

    private final Duration initial;
    private final Duration cap;
    private final DoubleSupplier random;
    private final Clock clock;

    RetryTiming(Duration initial, Duration cap, DoubleSupplier random, Clock clock) {
        this.initial = initial;
        this.cap = cap;
        this.random = random;
        this.clock = clock;
    }

    /** 408, 429 and every 5xx are worth another try; other statuses are not. */
    static boolean retryableStatus(int status) {
        return status == 408 || status == 429 || (status >= 500 && status <= 599);
    }

    /**
     * The wait before retry number {@code retry} (0 for the first): a random time up to
     * {@code min(cap, initial × 2^retry)}, raised to the server's hint, capped.
     *
     * @param hint the server's requested delay, or null
     */
    Duration delay(int retry, Duration hint) {
        long capMillis = cap.toMillis();
        long bound = initial.toMillis() << Math.min(retry, 30);
        if (bound <= 0 || bound > capMillis) {
            bound = capMillis;
        }
        long millis = (long) (random.getAsDouble() * bound);
        if (hint != null && hint.toMillis() > millis) {
            millis = hint.toMillis();
        }
        return Duration.ofMillis(Math.min(millis, capMillis));
    }

    /** {@code Retry-After}: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
    Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return cap; // more digits than a long: as long as we ever wait
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(clock.instant(), at.toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A protobuf {@code Duration} in JSON form: {@code "22s"}, {@code "1.5s"}; null when absent or unreadable. */
    static Duration parseProtobufDuration(String value) {
        if (value == null || !value.endsWith("s")) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.substring(0, value.length() - 1).strip());
            if (seconds.signum() < 0) {
                return null;
            }
            return Duration.ofMillis(seconds.movePointRight(3).min(BigDecimal.valueOf(Long.MAX_VALUE / 2))
                    .longValue());
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
