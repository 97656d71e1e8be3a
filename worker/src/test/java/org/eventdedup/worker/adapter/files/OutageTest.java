package org.eventdedup.worker.adapter.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.eventdedup.config.domain.port.out.StoreUnavailableException;
import org.junit.jupiter.api.Test;

class OutageTest {

    @Test
    void the_wait_doubles_from_the_first_retry_up_to_the_cap() {
        Outage outage = new Outage(Duration.ofMillis(500), Duration.ofSeconds(30));
        assertThat(outage.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(outage.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(outage.delay(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(outage.delay(7)).isEqualTo(Duration.ofSeconds(30));
        assertThat(outage.delay(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_success_ends_the_outage_and_the_next_failure_starts_again_from_the_first_retry() {
        Outage outage = new Outage(Duration.ofMillis(100), Duration.ofSeconds(1));
        StoreUnavailableException down = new StoreUnavailableException(new RuntimeException("refused"));
        assertThat(outage.failed("run", down)).isEqualTo(Duration.ofMillis(100));
        assertThat(outage.failed("run", down)).isEqualTo(Duration.ofMillis(200));
        assertThat(outage.ongoing()).isTrue();
        outage.succeeded();
        assertThat(outage.ongoing()).isFalse();
        assertThat(outage.failed("run", down)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void the_first_retry_must_be_positive_and_within_the_cap() {
        assertThatThrownBy(() -> new Outage(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Outage(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
