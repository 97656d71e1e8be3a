package org.eventdedup.config.adapter.http;

import java.util.Map;

/**
 * A request the adapter itself rejects before the domain sees it (protocol-level: 400, 401, 403, 412, 413, 415).
 * Domain rejections travel as {@code ConfigException} or {@code AccessException}; all are rendered by
 * {@link ProblemResponses}.
 */
final class HttpProblem extends RuntimeException {
    static final String TYPE_PREFIX = "urn:event-dedup:problem:";
    /** The access problems' types end with {@code /unauthenticated}, {@code /forbidden}, {@code /cross-origin}. */
    static final String ACCESS_TYPE_PREFIX = TYPE_PREFIX + "access/";

    private final int status;
    private final String type;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    HttpProblem(int status, String detail, Map<String, Object> extensions) {
        this(status, "about:blank", detail, extensions, Map.of());
    }

    HttpProblem(int status, String type, String detail, Map<String, Object> extensions, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    /** 401; {@code challenge} is the WWW-Authenticate value. */
    static HttpProblem unauthenticated(String detail, String challenge) {
        return new HttpProblem(401, ACCESS_TYPE_PREFIX + "unauthenticated", detail, Map.of(),
                Map.of("WWW-Authenticate", challenge));
    }

    static HttpProblem forbidden(String detail) {
        return new HttpProblem(403, ACCESS_TYPE_PREFIX + "forbidden", detail, Map.of(), Map.of());
    }

    static HttpProblem crossOrigin(String detail) {
        return new HttpProblem(403, ACCESS_TYPE_PREFIX + "cross-origin", detail, Map.of(), Map.of());
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

    String type() {
        return type;
    }

    /** Response headers that go with the problem (WWW-Authenticate). */
    Map<String, String> headers() {
        return headers;
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
