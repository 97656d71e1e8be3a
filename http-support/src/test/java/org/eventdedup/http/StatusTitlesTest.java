package org.eventdedup.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HttpStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusTitlesTest {

    /** The titles clients have always seen came from Javalin; a drift (ours or an upgrade's) fails here. */
    @Test
    void every_error_status_has_the_title_javalin_gives_it() {
        for (int status = 400; status <= 599; status++) {
            HttpStatus javalin = HttpStatus.forStatus(status);
            String expected = javalin == HttpStatus.UNKNOWN ? "Error" : javalin.getMessage();
            assertThat(StatusTitles.of(status)).as("status %d", status).isEqualTo(expected);
        }
    }

    @Test
    void the_common_ones_read_as_expected() {
        assertThat(StatusTitles.of(400)).isEqualTo("Bad Request");
        assertThat(StatusTitles.of(413)).isEqualTo("Content Too Large");
        assertThat(StatusTitles.of(422)).isEqualTo("Unprocessable Content");
        assertThat(StatusTitles.of(503)).isEqualTo("Service Unavailable");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 200, 302, 399, 419, 430, 600, 999})
    void a_status_that_is_no_known_error_is_titled_error(int status) {
        assertThat(StatusTitles.of(status)).isEqualTo("Error");
    }
}
