package org.eventdedup.config.domain.model;

import java.util.Objects;

/** A secret (the Gemini API key) whose text never leaks through toString, logs or exception messages. */
public final class SecretString {
    private final String value;

    private SecretString(String value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException when the value is null or blank (the message never contains the value) */
    public static SecretString of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        return new SecretString(value);
    }

    /** The plain text; call only where the secret is really used (HTTP header, encryption). */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "SecretString[***]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretString s && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return Objects.hash(value.length());
    }
}
