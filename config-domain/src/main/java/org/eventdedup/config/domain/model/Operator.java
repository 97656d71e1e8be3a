package org.eventdedup.config.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person (or script) who may use the API. Holds no password hash: the hash stays behind the repository port
 * ({@code StoredOperator}), so an operator can be listed, logged and rendered without it.
 *
 * @param lastLoginAt the last successful sign-in (session login or verified Basic credentials), null when never
 */
public record Operator(String name, Role role, boolean disabled, Instant createdAt, Instant lastLoginAt) {

    /** Letters, digits and {@code . _ @ -}, starting with a letter or digit: safe in logs, URLs and Basic (no ':'). */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    public Operator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** True when enabled and its role includes {@code required}. */
    public boolean may(Role required) {
        return !disabled && role.includes(required);
    }

    public Operator withRole(Role value) {
        return new Operator(name, value, disabled, createdAt, lastLoginAt);
    }

    public Operator withDisabled(boolean value) {
        return new Operator(name, role, value, createdAt, lastLoginAt);
    }

    public Operator withLastLoginAt(Instant value) {
        return new Operator(name, role, disabled, createdAt, value);
    }
}
