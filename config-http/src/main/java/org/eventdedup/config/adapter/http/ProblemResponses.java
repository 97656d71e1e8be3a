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
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.ResponseJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error response of the server as RFC 9457 problem+json, and the single place where domain error codes become
 * HTTP statuses. Details never contain a stack trace, an exception message of unknown origin or the API key.
 */
final class ProblemResponses {
    static final String GENERIC_500_DETAIL = "The server could not complete the request; the error has been logged.";

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private static final long OUTAGE_LOG_INTERVAL_NANOS = 30_000_000_000L;

    private final ResponseJson json;
    private final AtomicLong lastOutageWarning = new AtomicLong();

    ProblemResponses(ResponseJson json) {
        this.json = json;
    }

    void register(Javalin app) {
        app.exception(ConfigException.class, (e, ctx) -> send(ctx, configProblem(e)));
        app.exception(StoreUnavailableException.class, (e, ctx) -> storeUnavailable(ctx, e));
        app.exception(HttpProblem.class, (e, ctx) -> send(ctx, e));
        app.exception(AccessException.class, (e, ctx) -> send(ctx, accessProblem(ctx, e)));
        app.exception(HttpResponseException.class, (e, ctx) -> javalinException(ctx, e));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            send(ctx, HttpProblem.of(500, GENERIC_500_DETAIL));
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

    private static HttpProblem accessProblem(Context ctx, AccessException e) {
        AccessException.Code code = e.code();
        return switch (code) {
            case INVALID_CREDENTIALS -> AccessControl.unauthenticated("Invalid username or password.",
                    ctx.header("Authorization") != null ? AccessControl.BASIC_CHALLENGE
                            : AccessControl.SESSION_CHALLENGE);
            case RATE_LIMITED -> new HttpProblem(status(code), AccessControl.ACCESS_TYPE_PREFIX + "rate-limited",
                    "Too many failed sign-ins for this name or from this address; try again in "
                            + e.retryAfterSeconds() + " seconds.", null,
                    Map.of("retry_after_seconds", e.retryAfterSeconds()),
                    Map.of("Retry-After", Long.toString(e.retryAfterSeconds())));
            default -> new HttpProblem(status(code), typeOf(code.name()), capitalized(e.getMessage()) + ".", null,
                    Map.of(), Map.of());
        };
    }

    private static String capitalized(String message) {
        return message == null || message.isEmpty() ? "The request cannot be done"
                : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    private static HttpProblem configProblem(ConfigException e) {
        ConfigException.Code code = e.code();
        Map<String, Object> extensions = new LinkedHashMap<>();
        String detail;
        List<Map<String, Object>> errors = null;
        switch (code) {
            case VALIDATION_FAILED -> {
                errors = new ArrayList<>();
                for (Violation v : e.violations()) {
                    errors.add(HttpProblem.fieldError(pointer(v.path()), v.message()));
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
        return new HttpProblem(status(code), typeOf(code.name()), detail, errors, extensions, Map.of());
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
        send(ctx, HttpProblem.storeUnavailable());
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
        send(ctx, HttpProblem.of(status, detail));
    }

    private void send(Context ctx, HttpProblem problem) {
        problem.headers().forEach(ctx::header);
        ctx.status(problem.status()).contentType(HttpProblem.CONTENT_TYPE).result(json.write(problem.body()));
    }

    /** A domain path ("/scoring/date", "/" for the root) as a pointer into the request document ("#/scoring/date"). */
    static String pointer(String path) {
        return "/".equals(path) || path.isEmpty() ? "#" : "#" + path;
    }

    private static String typeOf(String codeName) {
        return HttpProblem.TYPE_PREFIX + codeName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String safePath(String path) {
        return path.length() > 200 ? path.substring(0, 200) + "…" : path;
    }
}
