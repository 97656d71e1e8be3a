package org.eventdedup.worker.adapter.gemini;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link GeminiPairResolver} talks to Gemini: where (contract §4 {@code EVENT_DEDUP_GEMINI_BASE_URL}), how long
 * it waits, and how it retries 408/429/5xx and network errors (matching-spec Part A 9). What it asks (model,
 * temperature, token limits, concurrency) comes from the run's {@code ai} config instead.
 *
 * @param baseUrl        scheme, host, port and an optional path prefix; {@code /v1beta/models/...} is appended
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout time allowed for one HTTP exchange, answer included
 * @param maxRetries     retries after the first attempt (0 to 10)
 * @param initialBackoff upper bound of the first retry's random delay; it doubles per retry (full jitter)
 * @param maxBackoff     cap of any delay, also of server hints ({@code Retry-After}, {@code RetryInfo})
 */
public record GeminiSettings(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int maxRetries,
                             Duration initialBackoff, Duration maxBackoff) {

    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    static final int MAX_RETRIES_LIMIT = 10;

    public GeminiSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        // checked first, and without echoing the URL: a query or user info might hold a key
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "Gemini base URL must not carry a query, fragment or user info (the key goes in a header)");
        }
        String scheme = baseUrl.getScheme();
        if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
                || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("Gemini base URL must be an absolute http(s) URL, was " + baseUrl);
        }
        String text = baseUrl.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        baseUrl = URI.create(text);
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
            throw new IllegalArgumentException("maxRetries must be in [0, " + MAX_RETRIES_LIMIT + "], was "
                    + maxRetries);
        }
    }

    /** The defaults (10 s connect, 60 s request, 3 retries from 1 s up to 30 s) for a base URL; null or blank
     *  means Google's endpoint. */
    public static GeminiSettings forBaseUrl(String baseUrlOrNull) {
        String url = baseUrlOrNull == null || baseUrlOrNull.isBlank() ? DEFAULT_BASE_URL : baseUrlOrNull.trim();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Gemini base URL is not a valid URL (" + e.getClass().getSimpleName()
                    + ")");
        }
        return new GeminiSettings(uri, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_RETRIES,
                DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public GeminiSettings withTimeouts(Duration connect, Duration request) {
        return new GeminiSettings(baseUrl, connect, request, maxRetries, initialBackoff, maxBackoff);
    }

    public GeminiSettings withRetries(int retries, Duration initial, Duration max) {
        return new GeminiSettings(baseUrl, connectTimeout, requestTimeout, retries, initial, max);
    }

    /** {@code {baseUrl}/v1beta/models/{model}:generateContent}. */
    URI generateContentUri(String model) {
        return URI.create(baseUrl + "/v1beta/models/" + model + ":generateContent");
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
