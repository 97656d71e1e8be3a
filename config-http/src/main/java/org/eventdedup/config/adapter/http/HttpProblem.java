package org.eventdedup.config.adapter.http;

import java.util.Map;

/**
 * A request the adapter itself rejects before the domain sees it (protocol-level: 400, 412, 413, 415). Domain
 * rejections travel as {@code ConfigException}; both are rendered by {@link ProblemResponses}.
 */
final class HttpProblem extends RuntimeException {
    private final int status;
    private final Map<String, Object> extensions;

    HttpProblem(int status, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.extensions = Map.copyOf(extensions);
    }

    static HttpProblem badRequest(String detail) {
        return new HttpProblem(400, detail, Map.of());
    }

    static HttpProblem badQueryParameter(String name, String detail) {
        return new HttpProblem(400, "Query parameter '" + name + "' " + detail, Map.of("parameter", name));
    }

    static HttpProblem tooLarge(long limit, long actual) {
        return new HttpProblem(413, "The request body may be at most " + limit + " bytes, got "
                + (actual < 0 ? "more" : actual) + ".", Map.of("max_bytes", limit));
    }

    static HttpProblem unsupportedMediaType(String got, String allowed) {
        return new HttpProblem(415, "Content-Type must be " + allowed + ", got "
                + (got == null || got.isBlank() ? "none" : "'" + truncate(got) + "'") + ".", Map.of());
    }

    int status() {
        return status;
    }

    String detail() {
        return getMessage();
    }

    Map<String, Object> extensions() {
        return extensions;
    }

    private static String truncate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
