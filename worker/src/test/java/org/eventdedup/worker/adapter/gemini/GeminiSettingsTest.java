package org.eventdedup.worker.adapter.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiSettingsTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "  ")
    void without_a_base_url_google_is_used_with_the_default_timeouts_and_retries(String baseUrl) {
        GeminiSettings settings = GeminiSettings.forBaseUrl(baseUrl);

        assertThat(settings.generateContentUri("gemini-2.5-flash")).isEqualTo(URI.create(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.maxRetries()).isEqualTo(3);
    }

    @Test
    void trailing_slashes_of_the_base_url_are_dropped() {
        assertThat(GeminiSettings.forBaseUrl("http://localhost:8089/gemini//").generateContentUri("m"))
                .isEqualTo(URI.create("http://localhost:8089/gemini/v1beta/models/m:generateContent"));
    }

    @Test
    void invalid_values_are_refused_naming_the_value() {
        GeminiSettings base = GeminiSettings.forBaseUrl(null);
        assertThatThrownBy(() -> GeminiSettings.forBaseUrl("ftp://example.org"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://example.org");
        assertThatThrownBy(() -> GeminiSettings.forBaseUrl("example.org"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> base.withRetries(11, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 10], was 11");
        assertThatThrownBy(() -> base.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    }
}
