package org.eventdedup.config.adapter.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.port.in.AuthenticateUseCase;
import org.eventdedup.http.HttpProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate in front of every {@code /api/**} route, this server's own and other modules' alike (a before-handler
 * runs for every request, matched or not): CSRF checks on state-changing requests, then who is asking (Basic
 * credentials or the session cookie, 401), then whether their role suffices (403). Handlers read the operator with
 * {@link #operator(Context)}.
 */
final class AccessControl {
    static final String SESSION_COOKIE = "event_dedup_session";
    static final String REALM = "event-dedup";
    static final String BASIC_CHALLENGE = "Basic realm=\"" + REALM + "\"";
    /** Not a real scheme: tells clients to sign in without making browsers show their Basic dialog. */
    static final String SESSION_CHALLENGE = "Session realm=\"" + REALM + "\"";

    /** The access problems' types end with {@code /unauthenticated}, {@code /forbidden}, {@code /cross-origin}. */
    static final String ACCESS_TYPE_PREFIX = HttpProblem.TYPE_PREFIX + "access/";

    static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final Set<String> JSON_BODY_TYPES = Set.of("application/json", "application/merge-patch+json");

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    private static final String OPERATOR_ATTRIBUTE = AccessControl.class.getName() + ".operator";

    private final AuthenticateUseCase auth;

    AccessControl(AuthenticateUseCase auth) {
        this.auth = auth;
    }

    void register(Javalin app) {
        app.before(this::check);
    }

    /** 401; {@code challenge} is the WWW-Authenticate value. */
    static HttpProblem unauthenticated(String detail, String challenge) {
        return new HttpProblem(401, ACCESS_TYPE_PREFIX + "unauthenticated", detail, null, Map.of(),
                Map.of("WWW-Authenticate", challenge));
    }

    private static HttpProblem forbidden(String detail) {
        return new HttpProblem(403, ACCESS_TYPE_PREFIX + "forbidden", detail, null, Map.of(), Map.of());
    }

    private static HttpProblem crossOrigin(String detail) {
        return new HttpProblem(403, ACCESS_TYPE_PREFIX + "cross-origin", detail, null, Map.of(), Map.of());
    }

    /** The signed-in operator of a request that passed the gate. */
    static Operator operator(Context ctx) {
        Operator operator = ctx.attribute(OPERATOR_ATTRIBUTE);
        if (operator == null) {
            throw new IllegalStateException("no signed-in operator on " + ctx.method() + " " + ctx.path());
        }
        return operator;
    }

    private void check(Context ctx) {
        String path = canonicalPath(ctx.path());
        if (!isApi(path)) {
            return;
        }
        String method = ctx.method().name();
        if (STATE_CHANGING.contains(method)) {
            checkSameOrigin(ctx);
            checkBodyType(ctx);
        }
        Optional<Role> required = requiredRole(method, path);
        if (required.isEmpty()) {
            return;
        }
        Operator operator = authenticate(ctx);
        if (!operator.role().includes(required.get())) {
            throw forbidden("Operator '" + operator.name() + "' has the role " + operator.role().wireName()
                    + "; " + method + " " + shown(ctx.path()) + " needs " + required.get().wireName() + ".");
        }
        ctx.attribute(OPERATOR_ATTRIBUTE, operator);
        ctx.attribute(ConfigHttpServer.OPERATOR_ATTRIBUTE, operator.name());
    }

    /**
     * The role a request needs; empty for the public ones (sign-in and sign-out). Everything under {@code /api} that
     * is not listed needs a signed-in operator, so a new route is protected by default.
     */
    static Optional<Role> requiredRole(String method, String path) {
        if (path.equals("/api/auth/login") && method.equals("POST") || path.equals("/api/auth/logout")) {
            return Optional.empty();
        }
        if (path.equals("/api/operators") || path.startsWith("/api/operators/")) {
            return Optional.of(Role.ADMIN);
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            return Optional.of(Role.VIEWER);
        }
        if (method.equals("POST") && path.equals("/api/config/preview")) {
            return Optional.of(Role.VIEWER);
        }
        return Optional.of(Role.EDITOR);
    }

    private Operator authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            return basic(ctx, authorization);
        }
        String token = ctx.cookie(SESSION_COOKIE);
        if (token == null) {
            throw unauthenticated("Sign in first: POST /api/auth/login, or send HTTP Basic credentials.",
                    SESSION_CHALLENGE);
        }
        return auth.authenticateSession(token).orElseThrow(() -> unauthenticated(
                "The session has ended (signed out, expired or unknown); sign in again.", SESSION_CHALLENGE));
    }

    private Operator basic(Context ctx, String authorization) {
        String[] credentials = basicCredentials(authorization);
        if (credentials == null) {
            throw unauthenticated("The Authorization header must be Basic base64(name:password).",
                    BASIC_CHALLENGE);
        }
        String address = clientAddress(ctx);
        Optional<Operator> operator = credentials[1].isEmpty() ? Optional.empty()
                : auth.authenticateBasic(credentials[0], SecretString.of(credentials[1]), address);
        if (operator.isEmpty()) {
            logFailure(credentials[0], address, "Basic credentials");
            throw unauthenticated("Invalid username or password.", BASIC_CHALLENGE);
        }
        return operator.get();
    }

    /** {name, password}, or null when the header is not Basic with base64 of "name:password". */
    static String[] basicCredentials(String header) {
        String value = header.strip();
        if (value.length() < 6 || !value.substring(0, 6).equalsIgnoreCase("basic ")) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    static void logFailure(String name, String address, String how) {
        LOG.warn("Sign-in failed for '{}' from {} ({})", shown(name), address, how);
    }

    // ---- CSRF

    /** Browsers send Origin and Sec-Fetch-Site on cross-site requests; scripts send neither and pass. */
    private static void checkSameOrigin(Context ctx) {
        if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
            throw crossOrigin("Cross-site requests may not change anything (Sec-Fetch-Site: cross-site).");
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        String own = ownOrigin(ctx);
        if (own == null || !normalizeOrigin(origin).equals(own)) {
            throw crossOrigin("The request's Origin '" + shown(origin) + "' is not this server's origin"
                    + (own == null ? "" : " '" + own + "'") + ".");
        }
    }

    /** scheme://host[:port] of the Host header (or X-Forwarded-Host and -Proto behind a proxy), default port left out. */
    static String ownOrigin(Context ctx) {
        String forwardedProto = firstValue(ctx.header("X-Forwarded-Proto"));
        String scheme = forwardedProto != null ? forwardedProto : ctx.scheme();
        String forwardedHost = firstValue(ctx.header("X-Forwarded-Host"));
        String host = forwardedHost != null ? forwardedHost : ctx.header("Host");
        if (host == null || host.isBlank()) {
            return null;
        }
        return normalizeOrigin(scheme + "://" + host.strip());
    }

    static String normalizeOrigin(String origin) {
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (o.startsWith("http://") && o.endsWith(":80")) {
            return o.substring(0, o.length() - 3);
        }
        if (o.startsWith("https://") && o.endsWith(":443")) {
            return o.substring(0, o.length() - 4);
        }
        return o;
    }

    private static void checkBodyType(Context ctx) {
        boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
        if (!hasBody) {
            return;
        }
        String contentType = ctx.header("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!JSON_BODY_TYPES.contains(mediaType)) {
            throw HttpProblem.unsupportedMediaType(contentType, "application/json or application/merge-patch+json");
        }
    }

    /** Secure when the client reached us over HTTPS (directly or through a proxy that says so). */
    static boolean overHttps(Context ctx) {
        String forwardedProto = firstValue(ctx.header("X-Forwarded-Proto"));
        return "https".equalsIgnoreCase(forwardedProto != null ? forwardedProto : ctx.scheme());
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure over HTTPS; max age -1: none, 0: clear it. */
    static Cookie sessionCookie(Context ctx, String value, int maxAgeSeconds) {
        return new Cookie(SESSION_COOKIE, value, "/", maxAgeSeconds, overHttps(ctx), 0, true, null, null,
                SameSite.STRICT);
    }

    static String clientAddress(Context ctx) {
        return ctx.req().getRemoteAddr();
    }

    // ---- paths

    /** Decoded, repeated slashes collapsed, no trailing slash: "//api/x/" and "/%61pi/x" are API paths too. */
    static String canonicalPath(String rawPath) {
        String decoded;
        try {
            decoded = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = rawPath;
        }
        String collapsed = decoded.replaceAll("/{2,}", "/");
        // Javalin ignores a trailing slash when matching, so must the rules
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1)
                : collapsed;
    }

    static boolean isApi(String canonicalPath) {
        String lower = canonicalPath.toLowerCase(Locale.ROOT);
        return lower.equals("/api") || lower.startsWith("/api/");
    }

    private static String firstValue(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        return header.split(",")[0].strip();
    }

    /** Client-supplied text as it may appear in a log line or message: no control characters, at most 64 chars. */
    static String shown(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
