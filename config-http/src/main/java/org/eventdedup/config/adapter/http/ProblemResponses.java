package org.eventdedup.config.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eventdedup.config.domain.model.Violation;
import org.eventdedup.config.domain.port.in.AccessException;
import org.eventdedup.config.domain.port.in.ConfigException;
import org.eventdedup.config.domain.port.out.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error response of the server as RFC 9457 problem+json, and the single place where domain error codes become
 * HTTP statuses. Details never contain a stack trace, an exception message of unknown origin or the API key.
 */
final class ProblemResponses {
    static final String CONTENT_TYPE = "application/problem+json";
    static final String GENERIC_500_DETAIL = "The server could not complete the request; the error has been logged.";

    static final String STORE_UNAVAILABLE_TYPE = "urn:event-dedup:problem:store-unavailable";
    static final long RETRY_AFTER_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private static final long OUTAGE_LOG_INTERVAL_NANOS = 30_000_000_000L;

    private final JsonCodec json;
    private final AtomicLong lastOutageWarning = new AtomicLong();

    ProblemResponses(JsonCodec json) {
        this.json = json;
    }

    void register(Javalin app) {
        app.exception(ConfigException.class, (e, ctx) -> configException(ctx, e));
        app.exception(StoreUnavailableException.class, (e, ctx) -> storeUnavailable(ctx, e));
        app.exception(HttpProblem.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            send(ctx, e.status(), e.detail(), null, e.extensions(), e.type());
        });
        app.exception(AccessException.class, (e, ctx) -> accessException(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> javalinException(ctx, e));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            send(ctx, 500, GENERIC_500_DETAIL, null, Map.of());
        });
    }

    /** Domain code → status: the one mapping of the adapter. */
    static int status(ConfigException.Code code) {
        return switch (code) {
            case VALIDATION_FAILED -> 422;
            case PRECONDITION_FAILED -> 412;
            case UPDATED_AT_CONFLICT -> 409;
            case VERSION_NOT_FOUND -> 404;
            case BAD_REQUEST -> 400;
        };
    }

    /** Access code → status, the other half of the one mapping. */
    static int status(AccessException.Code code) {
        return switch (code) {
            case INVALID_CREDENTIALS -> 401;
            case RATE_LIMITED -> 429;
            case OPERATOR_NOT_FOUND -> 404;
            case OPERATOR_EXISTS, LAST_ADMIN -> 409;
        };
    }

    private void accessException(Context ctx, AccessException e) {
        AccessException.Code code = e.code();
        String type = typeOf(code.name());
        Map<String, Object> extensions = new LinkedHashMap<>();
        String detail = switch (code) {
            case INVALID_CREDENTIALS -> {
                type = HttpProblem.ACCESS_TYPE_PREFIX + "unauthenticated";
                ctx.header("WWW-Authenticate", ctx.header("Authorization") != null ? AccessControl.BASIC_CHALLENGE
                        : AccessControl.SESSION_CHALLENGE);
                yield "Invalid username or password.";
            }
            case RATE_LIMITED -> {
                type = HttpProblem.ACCESS_TYPE_PREFIX + "rate-limited";
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                extensions.put("retry_after_seconds", e.retryAfterSeconds());
                yield "Too many failed sign-ins for this name or from this address; try again in "
                        + e.retryAfterSeconds() + " seconds.";
            }
            default -> capitalized(e.getMessage()) + ".";
        };
        send(ctx, status(code), detail, null, extensions, type);
    }

    private static String capitalized(String message) {
        return message == null || message.isEmpty() ? "The request cannot be done"
                : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    private void configException(Context ctx, ConfigException e) {
        ConfigException.Code code = e.code();
        Map<String, Object> extensions = new LinkedHashMap<>();
        String detail;
        List<Map<String, Object>> errors = null;
        switch (code) {
            case VALIDATION_FAILED -> {
                errors = new ArrayList<>();
                for (Violation v : e.violations()) {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("pointer", pointer(v.path()));
                    error.put("detail", v.message());
                    errors.add(error);
                }
                detail = errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.";
            }
            case PRECONDITION_FAILED -> {
                detail = "If-Match names an older version; the current version is " + e.currentVersion()
                        + ". Reload and apply your change again.";
                extensions.put("current_version", e.currentVersion());
            }
            case UPDATED_AT_CONFLICT -> {
                detail = "The config was changed by someone else since you loaded it; the current version is "
                        + e.currentVersion() + ". Reload and apply your change again.";
                extensions.put("current_version", e.currentVersion());
            }
            case VERSION_NOT_FOUND -> detail = "There is no such config version.";
            case BAD_REQUEST -> detail = e.getMessage() == null ? "The request cannot be used." : e.getMessage();
            default -> throw new IllegalStateException("unmapped code " + code);
        }
        send(ctx, status(code), detail, errors, extensions, typeOf(code));
    }

    /**
     * The database is down or restarting: 503 with Retry-After, so clients and load balancers back off instead of
     * treating it as a bug. Logged without a stack trace and at most once per {@value #OUTAGE_LOG_INTERVAL_NANOS} ns
     * at WARN (an outage fails every request; the log should say so once, not once per request).
     */
    private void storeUnavailable(Context ctx, StoreUnavailableException e) {
        long now = System.nanoTime();
        long last = lastOutageWarning.get();
        if ((last == 0 || now - last > OUTAGE_LOG_INTERVAL_NANOS) && lastOutageWarning.compareAndSet(last, now)) {
            LOG.warn("Answering 503: {} ({} {}; further 503s within 30 s are logged at DEBUG)", e.getMessage(),
                    ctx.method(), safePath(ctx.path()));
        } else {
            LOG.debug("{} {}: 503, {}", ctx.method(), safePath(ctx.path()), e.getMessage());
        }
        ctx.header("Retry-After", Long.toString(RETRY_AFTER_SECONDS));
        send(ctx, 503, "The database is unavailable; retry in a few seconds.", null, Map.of(),
                STORE_UNAVAILABLE_TYPE);
    }

    private void javalinException(Context ctx, HttpResponseException e) {
        int status = e.getStatus();
        String detail = switch (status) {
            case 404 -> "There is no endpoint at " + ctx.method() + " " + safePath(ctx.path()) + ".";
            case 405 -> "The method " + ctx.method() + " is not allowed at " + safePath(ctx.path()) + ".";
            case 413 -> "The request body is too large.";
            default -> HttpStatus.forStatus(status).getMessage();
        };
        if (status == 405) {
            String allowed = e.getDetails().get("availableMethods");
            if (allowed != null) {
                ctx.header("Allow", allowed.replace("[", "").replace("]", ""));
            }
        }
        send(ctx, status, detail, null, Map.of());
    }

    private void send(Context ctx, int status, String detail, List<Map<String, Object>> errors,
                      Map<String, Object> extensions) {
        send(ctx, status, detail, errors, extensions, "about:blank");
    }

    private void send(Context ctx, int status, String detail, List<Map<String, Object>> errors,
                      Map<String, Object> extensions, String type) {
        ctx.status(status).contentType(CONTENT_TYPE).result(json.write(problem(status, detail, errors, extensions,
                type)));
    }

    static Map<String, Object> problem(int status, String detail, List<Map<String, Object>> errors,
                                       Map<String, Object> extensions, String type) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        if (errors != null) {
            body.put("errors", errors);
        }
        extensions.forEach(body::putIfAbsent);
        return body;
    }

    static String title(int status) {
        HttpStatus known = HttpStatus.forStatus(status);
        return known == HttpStatus.UNKNOWN ? "Error" : known.getMessage();
    }

    /** A domain path ("/scoring/date", "/" for the root) as a pointer into the request document ("#/scoring/date"). */
    static String pointer(String path) {
        return "/".equals(path) || path.isEmpty() ? "#" : "#" + path;
    }

    private static String typeOf(ConfigException.Code code) {
        return typeOf(code.name());
    }

    private static String typeOf(String codeName) {
        return HttpProblem.TYPE_PREFIX + codeName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String safePath(String path) {
        return path.length() > 200 ? path.substring(0, 200) + "…" : path;
    }
}
