package org.eventdedup.config.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.model.Violation;
import org.eventdedup.config.domain.rule.DocumentShape;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.ConfigException;
import org.eventdedup.config.domain.port.in.ConfigView;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.config.domain.rule.ConfigSchema;
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.RequestJson;
import org.eventdedup.http.ResponseJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The endpoints of contract §2 that concern the config, plus /health and /ready. */
final class ConfigRoutes {
    static final String JSON_TYPE = "application/json";
    static final int DEFAULT_HISTORY_LIMIT = 50;
    static final int MAX_HISTORY_LIMIT = 500;

    private static final Logger LOG = LoggerFactory.getLogger(ConfigRoutes.class);
    private static final byte[] HEALTH_OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private final ConfigHttpServer.Dependencies deps;
    private final ResponseJson json;
    private final RequestBodies bodies;
    private final ConfigBodyCache cache;
    private final byte[] schema;

    ConfigRoutes(ConfigHttpServer.Dependencies deps, ResponseJson json) {
        this.deps = deps;
        this.json = json;
        this.bodies = new RequestBodies();
        this.cache = new ConfigBodyCache(deps.read(), json);
        this.schema = json.write(ConfigSchema.generate());
    }

    void register(Routes routes) {
        routes.addProbe("/health", ctx -> ctx.contentType(JSON_TYPE).result(HEALTH_OK));
        routes.addProbe("/ready", this::ready);
        routes.add(HandlerType.GET, "/api/config", this::getConfig);
        routes.add(HandlerType.HEAD, "/api/config", this::getConfig);
        routes.add(HandlerType.PATCH, "/api/config", this::patchConfig);
        routes.add(HandlerType.PUT, "/api/config/ai-key", this::putApiKey);
        routes.add(HandlerType.DELETE, "/api/config/ai-key", this::deleteApiKey);
        routes.add(HandlerType.GET, "/api/config/defaults", this::defaults);
        routes.add(HandlerType.GET, "/api/config/schema", ctx -> ctx.contentType(JSON_TYPE).result(schema));
        routes.add(HandlerType.GET, "/api/config/history", Set.of("limit", "before"), this::history);
        routes.add(HandlerType.GET, "/api/config/history/{version}", this::historyVersion);
        routes.add(HandlerType.POST, "/api/config/rollback", this::rollback);
    }

    private void ready(Context ctx) {
        boolean ready;
        try {
            ready = deps.ready().getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("Readiness check failed", e);
            ready = false;
        }
        if (!ready) {
            throw new HttpProblem(503, HttpProblem.ABOUT_BLANK,
                    "The service is not ready: the database is unreachable or not migrated yet.", null, Map.of(),
                    Map.of("Retry-After", Long.toString(HttpProblem.RETRY_AFTER_SECONDS)));
        }
        ctx.contentType(JSON_TYPE).result(HEALTH_OK);
    }

    private void getConfig(Context ctx) {
        ConfigBodyCache.Body body = cache.current();
        ctx.header("ETag", body.etag());
        ctx.header("Cache-Control", "no-cache");
        if (RequestHeaders.noneMatchHits(ctx.header("If-None-Match"), body.etag())) {
            ctx.status(304);
            return;
        }
        ctx.contentType(JSON_TYPE).result(body.bytes());
    }

    private void patchConfig(Context ctx) {
        Long ifMatch = RequestHeaders.ifMatchVersion(ctx.header("If-Match"));
        String operator = AccessControl.operator(ctx).name();
        Map<String, Object> body = bodies.readObject(ctx, RequestJson.JSON_OR_MERGE_PATCH);
        UpdateConfigCommand command = PatchRequestMapper.toCommand(body, ifMatch, operator);
        sendWritten(ctx, write(() -> deps.update().update(command)));
    }

    private void putApiKey(Context ctx) {
        Long ifMatch = RequestHeaders.ifMatchVersion(ctx.header("If-Match"));
        String operator = AccessControl.operator(ctx).name();
        Map<String, Object> body = bodies.readObject(ctx, RequestJson.JSON);
        List<Violation> violations = unknownFields(body, "api_key", "{\"api_key\": \"...\"}");
        ApiKeyChange change = ApiKeyChange.KEEP;
        Object value = body.get("api_key");
        if (value instanceof String text && !text.isBlank()) {
            String problem = PatchRequestMapper.keyProblem(text);
            if (problem == null) {
                change = new ApiKeyChange.Set(SecretString.of(text));
            } else {
                violations.add(new Violation("/api_key", problem));
            }
        } else {
            violations.add(new Violation("/api_key", value == null ? "is required (a non-empty string)"
                    : "must be a non-empty string; DELETE /api/config/ai-key removes the key"));
        }
        if (!violations.isEmpty()) {
            throw ConfigException.invalid(violations);
        }
        ApiKeyChange set = change;
        write(() -> deps.update().update(new UpdateConfigCommand(Map.of(), set, precondition(ifMatch), operator)));
        ctx.status(204);
    }

    /** A violation for every key of a one-field body other than {@code field}. */
    private static List<Violation> unknownFields(Map<String, Object> body, String field, String shape) {
        List<Violation> violations = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!key.equals(field)) {
                violations.add(new Violation(DocumentShape.pointer("", key), "unknown field; the body is " + shape));
            }
        }
        return violations;
    }

    private void deleteApiKey(Context ctx) {
        Long ifMatch = RequestHeaders.ifMatchVersion(ctx.header("If-Match"));
        String operator = AccessControl.operator(ctx).name();
        write(() -> deps.update().update(new UpdateConfigCommand(Map.of(), ApiKeyChange.CLEAR, precondition(ifMatch),
                operator)));
        ctx.status(204);
    }

    private void defaults(Context ctx) {
        // same shape as GET /api/config; the metadata describe the defaults (never saved, so version 0), while the
        // key fields tell what is stored, because the key is not part of any document
        ConfigView current = deps.read().current();
        MatchingConfig defaults = deps.read().defaults();
        ConfigView view = new ConfigView(defaults, current.hasApiKey(), current.apiKeySource(), null, null, 0,
                deps.read().defaultsSource());
        ctx.contentType(JSON_TYPE).result(json.write(ConfigJsonMapper.view(view)));
    }

    private void history(Context ctx) {
        int limit = intQuery(ctx, "limit", DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT);
        Long before = ctx.queryParam("before") == null ? null
                : (long) wholeNumber(ctx.queryParam("before"), "before", 1);
        ctx.contentType(JSON_TYPE).result(json.write(ConfigJsonMapper.history(deps.history().history(limit, before))));
    }

    private void historyVersion(Context ctx) {
        long version = wholeNumber(ctx.pathParam("version"), null, 0);
        Optional<ConfigView> view = deps.history().version(version);
        if (view.isEmpty()) {
            throw new ConfigException(ConfigException.Code.VERSION_NOT_FOUND, "no version " + version, List.of(), -1);
        }
        ctx.header("ETag", ConfigBodyCache.etag(version));
        ctx.contentType(JSON_TYPE).result(json.write(ConfigJsonMapper.view(view.get())));
    }

    private void rollback(Context ctx) {
        Long ifMatch = RequestHeaders.ifMatchVersion(ctx.header("If-Match"));
        String operator = AccessControl.operator(ctx).name();
        Map<String, Object> body = bodies.readObject(ctx, RequestJson.JSON);
        List<Violation> violations = unknownFields(body, "version", "{\"version\": n}");
        Object value = body.get("version");
        long version = -1;
        if (value instanceof Number n && isWholeAtLeastZero(n)) {
            version = n.longValue();
        } else {
            violations.add(new Violation("/version",
                    "must be a whole number ≥ 0, the version to restore (0 is the shipped configuration)"));
        }
        if (!violations.isEmpty()) {
            throw ConfigException.invalid(violations);
        }
        long target = version;
        sendWritten(ctx, write(() -> deps.rollback().rollback(target, precondition(ifMatch), operator)));
    }

    // ---- helpers

    private interface Write {
        ConfigView run();
    }

    /** Runs a write and keeps the cached GET body in step with it. */
    private ConfigBodyCache.Body write(Write write) {
        try {
            return cache.afterWrite(write.run());
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            cache.invalidate();
            throw e;
        }
    }

    private static void sendWritten(Context ctx, ConfigBodyCache.Body body) {
        ctx.header("ETag", body.etag());
        ctx.contentType(JSON_TYPE).result(body.bytes());
    }

    private static Precondition precondition(Long ifMatch) {
        return ifMatch == null ? Precondition.NONE : Precondition.ifMatch(ifMatch);
    }

    private static int intQuery(Context ctx, String name, int defaultValue, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return defaultValue;
        }
        long value = wholeNumber(raw, name, 1);
        if (value > max) {
            throw Routes.badQueryParameter(name, "must be between 1 and " + max + ", got " + value + ".");
        }
        return (int) value;
    }

    /**
     * @param queryName the query parameter's name, or null for the {version} path segment
     * @param min       the least value allowed (version 0 is the shipped configuration)
     */
    private static long wholeNumber(String raw, String queryName, long min) {
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < min) {
            String shown = raw.length() > 30 ? raw.substring(0, 30) + "…" : raw;
            String kind = min == 1 ? "a positive whole number" : "a whole number, at least " + min;
            if (queryName == null) {
                throw HttpProblem.badRequest("The version in the path must be " + kind + ", got '" + shown + "'.");
            }
            throw Routes.badQueryParameter(queryName, "must be " + kind + ", got '" + shown + "'.");
        }
        return value;
    }

    private static boolean isWholeAtLeastZero(Number n) {
        BigDecimal exact = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        return exact.signum() >= 0 && exact.stripTrailingZeros().scale() <= 0
                && exact.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }
}
