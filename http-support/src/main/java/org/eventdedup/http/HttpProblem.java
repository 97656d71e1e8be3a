package org.eventdedup.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An error answer as RFC 9457 problem+json: {@code {type, title, status, detail, errors?}} plus extension members,
 * and the response headers that go with it. Both HTTP adapters throw it and render it with {@link #body()}, so a
 * client sees one shape, one set of type URNs and one wording for the problems they share. No stack trace is
 * captured: the detail is for the client, and nothing about the server belongs in it.
 */
public final class HttpProblem extends RuntimeException {
    public static final String CONTENT_TYPE = "application/problem+json";
    /** RFC 9457's type for a problem that the status and detail say all about. */
    public static final String ABOUT_BLANK = "about:blank";
    public static final String TYPE_PREFIX = "urn:event-dedup:problem:";
    /** A body that breaks a rule; {@code errors} name each field by JSON pointer. */
    public static final String VALIDATION_FAILED = TYPE_PREFIX + "validation-failed";
    public static final String STORE_UNAVAILABLE = TYPE_PREFIX + "store-unavailable";
    public static final long RETRY_AFTER_SECONDS = 5;

    private final int status;
    private final String type;
    private final List<Map<String, Object>> errors;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    /**
     * @param errors     the {@code errors} member, or null for none
     * @param extensions more members after the standard ones, in this order; they never replace a standard one
     * @param headers    response headers that go with the problem (WWW-Authenticate, Retry-After)
     */
    public HttpProblem(int status, String type, String detail, List<Map<String, Object>> errors,
                       Map<String, Object> extensions, Map<String, String> headers) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.errors = errors == null ? null : List.copyOf(errors);
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A problem that its status and detail describe fully ({@code about:blank}). */
    public static HttpProblem of(int status, String detail) {
        return new HttpProblem(status, ABOUT_BLANK, detail, null, Map.of(), Map.of());
    }

    public static HttpProblem badRequest(String detail) {
        return of(400, detail);
    }

    /** 400 for a query parameter or path segment; {@code detail} is the whole sentence, {@code parameter} its name. */
    public static HttpProblem badParameter(String name, String detail) {
        return new HttpProblem(400, ABOUT_BLANK, detail, null, Map.of("parameter", name), Map.of());
    }

    /** 422: the body is well-formed but breaks rules; each error names its field (see {@link #fieldError}). */
    public static HttpProblem validationFailed(String detail, List<Map<String, Object>> errors) {
        return new HttpProblem(422, VALIDATION_FAILED, detail, errors, Map.of(), Map.of());
    }

    /** @param actual the body's size, or a negative number when only "more than the limit" is known */
    public static HttpProblem tooLarge(long limit, long actual) {
        return new HttpProblem(413, ABOUT_BLANK, "The request body may be at most " + limit + " bytes, got "
                + (actual < 0 ? "more" : actual) + ".", null, Map.of("max_bytes", limit), Map.of());
    }

    /** @param expected the accepted media types in words, e.g. "application/json in UTF-8" */
    public static HttpProblem unsupportedMediaType(String got, String expected) {
        String shown = got == null || got.isBlank() ? "none"
                : "'" + (got.length() > 80 ? got.substring(0, 80) + "…" : got) + "'";
        return of(415, "Content-Type must be " + expected + ", got " + shown + ".");
    }

    /**
     * The database is down or restarting: 503 with Retry-After, so clients and load balancers back off instead of
     * treating it as a bug.
     */
    public static HttpProblem storeUnavailable() {
        return new HttpProblem(503, STORE_UNAVAILABLE, "The database is unavailable; retry in a few seconds.", null,
                Map.of(), Map.of("Retry-After", Long.toString(RETRY_AFTER_SECONDS)));
    }

    /** One entry of {@code errors}: where in the request document ({@code #/a/0}) and what is wrong there. */
    public static Map<String, Object> fieldError(String pointer, String detail) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("pointer", pointer);
        error.put("detail", detail);
        return error;
    }

    /** A client's value in a detail: at most 40 characters, control characters replaced, "" for none. */
    public static String shown(String raw) {
        if (raw == null) {
            return "";
        }
        String cut = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    /** The problem document, members in the order RFC 9457 lists them, then the extensions. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", StatusTitles.of(status));
        body.put("status", status);
        body.put("detail", detail());
        if (errors != null) {
            body.put("errors", errors);
        }
        extensions.forEach(body::putIfAbsent);
        return body;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    /** Null when the problem has no {@code errors} member. */
    public List<Map<String, Object>> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
