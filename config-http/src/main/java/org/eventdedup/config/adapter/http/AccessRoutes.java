package org.eventdedup.config.adapter.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.config.domain.model.Operator;
import org.eventdedup.config.domain.model.Role;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.model.Violation;
import org.eventdedup.config.domain.port.in.AccessException;
import org.eventdedup.config.domain.port.in.AuthenticateUseCase;
import org.eventdedup.config.domain.port.in.ConfigException;
import org.eventdedup.config.domain.port.in.ManageOperatorsUseCase;
import org.eventdedup.config.domain.port.in.OperatorChange;
import org.eventdedup.config.domain.port.in.SignedIn;
import org.eventdedup.config.domain.rule.DocumentShape;
import org.eventdedup.config.domain.rule.OperatorRules;
import org.eventdedup.http.RequestJson;
import org.eventdedup.http.ResponseJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-in ({@code /api/auth/login|logout|me}) and operator management ({@code /api/operators}, admins only). */
final class AccessRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AccessRoutes.class);
    private static final String ROLES = "viewer, editor or admin";

    private final AuthenticateUseCase auth;
    private final ManageOperatorsUseCase operators;
    private final ResponseJson json;
    private final RequestBodies bodies;

    AccessRoutes(AuthenticateUseCase auth, ManageOperatorsUseCase operators, ResponseJson json) {
        this.auth = auth;
        this.operators = operators;
        this.json = json;
        this.bodies = new RequestBodies();
    }

    void register(Routes routes) {
        routes.add(HandlerType.POST, "/api/auth/login", this::login);
        routes.add(HandlerType.POST, "/api/auth/logout", this::logout);
        routes.add(HandlerType.GET, "/api/auth/me", this::me);
        routes.add(HandlerType.GET, "/api/operators", this::list);
        routes.add(HandlerType.POST, "/api/operators", this::add);
        routes.add(HandlerType.PATCH, "/api/operators/{name}", this::change);
    }

    private void login(Context ctx) {
        Map<String, Object> body = bodies.readObject(ctx, RequestJson.JSON);
        List<Violation> violations = unknownFields(body, Set.of("username", "password"),
                "{\"username\": \"...\", \"password\": \"...\"}");
        String name = requiredString(body, "username", violations);
        String password = requiredString(body, "password", violations);
        if (!violations.isEmpty()) {
            throw ConfigException.invalid(violations);
        }
        String address = AccessControl.clientAddress(ctx);
        SignedIn signedIn;
        try {
            signedIn = auth.login(name, SecretString.of(password), address);
        } catch (AccessException e) {
            AccessControl.logFailure(name, address, e.code() == AccessException.Code.RATE_LIMITED ? "rate-limited"
                    : "login");
            throw e;
        }
        // a browser-session cookie: the server ends the session itself (idle and absolute expiry)
        ctx.cookie(AccessControl.sessionCookie(ctx, signedIn.token(), -1));
        LOG.info("Operator '{}' signed in from {}", signedIn.operator().name(), address);
        send(ctx, 200, who(signedIn.operator()));
    }

    private void logout(Context ctx) {
        String token = ctx.cookie(AccessControl.SESSION_COOKIE);
        if (token != null) {
            auth.logout(token);
        }
        ctx.cookie(AccessControl.sessionCookie(ctx, "", 0));
        ctx.header("Cache-Control", "no-store");
        ctx.status(204);
    }

    private void me(Context ctx) {
        send(ctx, 200, who(AccessControl.operator(ctx)));
    }

    private void list(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Operator operator : operators.list()) {
            out.add(view(operator));
        }
        send(ctx, 200, out);
    }

    private void add(Context ctx) {
        Map<String, Object> body = bodies.readObject(ctx, RequestJson.JSON);
        List<Violation> violations = unknownFields(body, Set.of("name", "role", "password"),
                "{\"name\": \"...\", \"role\": \"" + ROLES.replace(", ", "|").replace(" or ", "|")
                        + "\", \"password\": \"...\"}");
        String name = requiredString(body, "name", violations);
        Role role = role(body, true, violations);
        String password = requiredString(body, "password", violations);
        if (name != null) {
            violations.addAll(OperatorRules.checkName(name));
        }
        if (password != null) {
            violations.addAll(OperatorRules.checkPassword(SecretString.of(password), true));
        }
        if (!violations.isEmpty()) {
            throw ConfigException.invalid(violations);
        }
        Operator added = operators.add(name, role, SecretString.of(password), AccessControl.operator(ctx).name());
        LOG.info("Operator '{}' ({}) added by '{}'", added.name(), added.role().wireName(),
                AccessControl.operator(ctx).name());
        ctx.header("Location", "/api/operators/" + added.name());
        send(ctx, 201, view(added));
    }

    private void change(Context ctx) {
        String name = ctx.pathParam("name");
        Map<String, Object> body = bodies.readObject(ctx, RequestJson.JSON_OR_MERGE_PATCH);
        List<Violation> violations = unknownFields(body, Set.of("role", "password", "disabled"),
                "{\"role\"?, \"password\"?, \"disabled\"?}");
        Role role = role(body, false, violations);
        SecretString password = null;
        if (body.containsKey("password")) {
            String text = requiredString(body, "password", violations);
            password = text == null ? null : SecretString.of(text);
            violations.addAll(OperatorRules.checkPassword(password, false));
        }
        Boolean disabled = null;
        if (body.containsKey("disabled")) {
            if (body.get("disabled") instanceof Boolean b) {
                disabled = b;
            } else {
                violations.add(new Violation("/disabled", "must be true or false"));
            }
        }
        if (!violations.isEmpty()) {
            throw ConfigException.invalid(violations);
        }
        Operator changed = operators.change(name, new OperatorChange(role, password, disabled),
                AccessControl.operator(ctx).name());
        LOG.info("Operator '{}' changed by '{}':{}{}{}", changed.name(), AccessControl.operator(ctx).name(),
                role == null ? "" : " role " + role.wireName(), password == null ? "" : " new password",
                disabled == null ? "" : disabled ? " disabled" : " enabled");
        send(ctx, 200, view(changed));
    }

    // ---- helpers

    private static Role role(Map<String, Object> body, boolean required, List<Violation> violations) {
        Object value = body.get("role");
        if (value == null) {
            if (required || body.containsKey("role")) {
                violations.add(new Violation("/role", "is required: " + ROLES));
            }
            return null;
        }
        if (value instanceof String text) {
            var role = Role.parse(text);
            if (role.isPresent()) {
                return role.get();
            }
        }
        violations.add(new Violation("/role", "must be " + ROLES));
        return null;
    }

    private static String requiredString(Map<String, Object> body, String field, List<Violation> violations) {
        Object value = body.get(field);
        if (value instanceof String text && !text.isEmpty() && !text.isBlank()) {
            return text;
        }
        violations.add(new Violation("/" + field, value == null ? "is required (a non-empty string)"
                : "must be a non-empty string"));
        return null;
    }

    private static List<Violation> unknownFields(Map<String, Object> body, Set<String> fields, String shape) {
        List<Violation> violations = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!fields.contains(key)) {
                violations.add(new Violation(DocumentShape.pointer("", key), "unknown field; the body is " + shape));
            }
        }
        return violations;
    }

    private static Map<String, Object> who(Operator operator) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", operator.name());
        out.put("role", operator.role().wireName());
        return out;
    }

    private static Map<String, Object> view(Operator operator) {
        Map<String, Object> out = who(operator);
        out.put("disabled", operator.disabled());
        out.put("created_at", operator.createdAt().toString());
        out.put("last_login_at", operator.lastLoginAt() == null ? null : operator.lastLoginAt().toString());
        return out;
    }

    private void send(Context ctx, int status, Object body) {
        ctx.header("Cache-Control", "no-store");
        ctx.status(status).contentType(ConfigRoutes.JSON_TYPE).result(json.write(body));
    }
}
