package org.eventdedup.worker.adapter.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryTimingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-14T12:00:00Z"), ZoneOffset.UTC);

    private static RetryTiming timing(double random) {
        return new RetryTiming(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> random, CLOCK);
    }

    @ParameterizedTest(name = "retry {0}, random {1} -> {2} ms")
    @CsvSource({"0, 0.0, 0", "0, 0.999, 999", "1, 0.999, 1998", "2, 0.5, 2000", "4, 0.999, 15984",
            "5, 0.999, 29970", "9, 0.999, 29970", "40, 0.999, 29970"})
    void the_delay_is_a_random_share_of_an_exponential_bound_capped(int retry, double random, long expectedMillis) {
        assertThat(timing(random).delay(retry, null)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @Test
    void a_server_hint_raises_the_delay_but_never_past_the_cap() {
        assertThat(timing(0.5).delay(0, Duration.ofSeconds(22))).isEqualTo(Duration.ofSeconds(22));
        assertThat(timing(0.5).delay(3, Duration.ofMillis(100))).isEqualTo(Duration.ofSeconds(4));
        assertThat(timing(0.5).delay(0, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "Retry-After: {0}")
    @CsvSource(delimiter = '|', value = {
            "7 | PT7S", " 120  | PT2M", "0 | PT0S",
            "Sat, 14 Feb 2026 12:00:45 GMT | PT45S",
            "Sat, 14 Feb 2026 11:59:00 GMT | PT0S"})
    void retry_after_is_read_as_seconds_or_as_an_http_date(String header, Duration expected) {
        assertThat(timing(0).parseRetryAfter(header)).isEqualTo(expected);
    }

    @Test
    void an_unreadable_retry_after_is_ignored() {
        assertThat(timing(0).parseRetryAfter(null)).isNull();
        assertThat(timing(0).parseRetryAfter("soon")).isNull();
        assertThat(timing(0).parseRetryAfter("-5")).isNull();
        assertThat(timing(0).parseRetryAfter("99999999999999999999999")).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest(name = "retryDelay {0}")
    @CsvSource({"22s, PT22S", "1.5s, PT1.5S", "0.25s, PT0.25S", "0s, PT0S"})
    void retry_info_delays_are_protobuf_durations(String value, Duration expected) {
        assertThat(RetryTiming.parseProtobufDuration(value)).isEqualTo(expected);
    }

    @Test
    void unreadable_retry_info_delays_are_ignored() {
        assertThat(RetryTiming.parseProtobufDuration(null)).isNull();
        assertThat(RetryTiming.parseProtobufDuration("22")).isNull();
        assertThat(RetryTiming.parseProtobufDuration("abcs")).isNull();
        assertThat(RetryTiming.parseProtobufDuration("-3s")).isNull();
    }

    @ParameterizedTest(name = "HTTP {0} retryable: {1}")
    @CsvSource({"408, true", "429, true", "500, true", "503, true", "599, true", "400, false", "401, false",
            "404, false", "200, false", "302, false"})
    void retryable_statuses(int status, boolean retryable) {
        assertThat(RetryTiming.retryableStatus(status)).isEqualTo(retryable);
    }
}
