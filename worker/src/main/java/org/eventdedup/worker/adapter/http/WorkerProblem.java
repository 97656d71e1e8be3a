package org.eventdedup.worker.adapter.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request this adapter rejects, rendered by {@link WorkerHttpRoutes} as RFC 9457 problem+json. */
final class WorkerProblem extends RuntimeException {
    static final String INVALID_FILE_TYPE = "urn:event-dedup:problem:invalid-input-file";

    private final int status;
    private final String type;
    private final List<Map<String, Object>> errors;
    private final Map<String, Object> extensions;

    WorkerProblem(int status, String type, String detail, List<Map<String, Object>> errors,
                  Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.extensions = new LinkedHashMap<>(extensions);
    }

    /** A query parameter (or path segment) that cannot be used; names it in {@code parameter}. */
    static WorkerProblem badParameter(String name, String detail) {
        return new WorkerProblem(400, "about:blank", "Parameter '" + name + "' " + detail, null,
                Map.of("parameter", name));
    }

    /** A body that breaks a rule; each error names its field by JSON pointer. */
    static WorkerProblem invalidBody(String detail, List<Map<String, Object>> errors) {
        return new WorkerProblem(422, "urn:event-dedup:problem:validation-failed", detail, errors, Map.of());
    }

    static WorkerProblem badRequest(String detail) {
        return new WorkerProblem(400, "about:blank", detail, null, Map.of());
    }

    static WorkerProblem conflict(String detail) {
        return new WorkerProblem(409, "about:blank", detail, null, Map.of());
    }

    static WorkerProblem busy(String detail) {
        return new WorkerProblem(429, "about:blank", detail, null, Map.of());
    }

    static WorkerProblem notFound(String what, long id) {
        return new WorkerProblem(404, "about:blank", "There is no " + what + " with id " + id + ".", null, Map.of());
    }

    static WorkerProblem tooLarge(long limit, long actual) {
        return new WorkerProblem(413, "about:blank", "The request body may be at most " + limit + " bytes, got "
                + (actual < 0 ? "more" : actual) + ".", null, Map.of("max_bytes", limit));
    }

    static WorkerProblem unsupportedMediaType(String got) {
        return unsupportedMediaType(got, "application/json");
    }

    /** @param allowed the accepted media types in words, e.g. "application/json or application/merge-patch+json" */
    static WorkerProblem unsupportedMediaType(String got, String allowed) {
        String shown = got == null || got.isBlank() ? "none"
                : "'" + (got.length() > 80 ? got.substring(0, 80) + "…" : got) + "'";
        return new WorkerProblem(415, "about:blank", "Content-Type must be " + allowed + " (UTF-8), got " + shown
                + ".", null, Map.of());
    }

    /**
     * The database is down or restarting ({@code StoreUnavailableException} from the store): 503, retry later. The
     * same type and Retry-After as the config API's.
     */
    static WorkerProblem storeUnavailable() {
        return new WorkerProblem(503, "urn:event-dedup:problem:store-unavailable",
                "The database is unavailable; retry in a few seconds.", null, Map.of());
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String detail() {
        return getMessage();
    }

    List<Map<String, Object>> errors() {
        return errors;
    }

    Map<String, Object> extensions() {
        return extensions;
    }
}
