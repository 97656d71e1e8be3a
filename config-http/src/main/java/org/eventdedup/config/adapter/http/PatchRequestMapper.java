package org.eventdedup.config.adapter.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.config.domain.model.Violation;
import org.eventdedup.config.domain.port.in.ApiKeyChange;
import org.eventdedup.config.domain.port.in.ConfigException;
import org.eventdedup.config.domain.port.in.Precondition;
import org.eventdedup.config.domain.port.in.UpdateConfigCommand;
import org.eventdedup.http.HttpProblem;
import org.eventdedup.http.RequestJson;

/**
 * A PATCH /api/config body (and headers) → {@link UpdateConfigCommand}: splits off the write-only key, the
 * {@code updated_at} precondition and the read-only metadata a client may echo from a GET, and refuses the key
 * inside the document.
 */
final class PatchRequestMapper {
    static final String API_KEY_FIELD = "ai_api_key";
    static final String UPDATED_AT_FIELD = "updated_at";
    /** Gemini keys have 39 characters; far more is a pasted document, not a key. */
    static final int MAX_KEY_LENGTH = 1024;

    private PatchRequestMapper() {
    }

    static UpdateConfigCommand toCommand(Map<String, Object> body, Long ifMatchVersion, String operator) {
        Map<String, Object> patch = new LinkedHashMap<>(body);
        List<Violation> violations = new ArrayList<>();

        ApiKeyChange keyChange = apiKeyChange(patch.containsKey(API_KEY_FIELD), patch.remove(API_KEY_FIELD),
                "/" + API_KEY_FIELD, violations);

        boolean checkUpdatedAt = patch.containsKey(UPDATED_AT_FIELD);
        Instant expectedUpdatedAt = checkUpdatedAt ? updatedAt(patch.remove(UPDATED_AT_FIELD)) : null;

        ConfigJsonMapper.READ_ONLY_FIELDS.forEach(patch::remove);

        if (patch.get("ai") instanceof Map<?, ?> ai && ai.containsKey("api_key")) {
            violations.add(new Violation("/ai/api_key", "the API key is write-only and never part of the document;"
                    + " send it as top-level \"" + API_KEY_FIELD + "\" or with PUT /api/config/ai-key"));
        }
        if (!violations.isEmpty()) {
            throw ConfigException.invalid(violations);
        }
        return new UpdateConfigCommand(patch, keyChange,
                new Precondition(ifMatchVersion, checkUpdatedAt, expectedUpdatedAt), operator);
    }

    /**
     * The key change a write-only key field asks for: a non-empty string sets, {@code ""} clears, null or absent
     * keeps. Records a violation for anything else.
     */
    static ApiKeyChange apiKeyChange(boolean present, Object value, String path, List<Violation> violations) {
        if (!present || value == null) {
            return ApiKeyChange.KEEP;
        }
        if (!(value instanceof String text)) {
            violations.add(new Violation(path, "must be a string (\"\" removes the stored key), got "
                    + RequestJson.kind(value)));
            return ApiKeyChange.KEEP;
        }
        if (text.isEmpty()) {
            return ApiKeyChange.CLEAR;
        }
        if (text.isBlank()) {
            violations.add(new Violation(path, "must not be blank"));
            return ApiKeyChange.KEEP;
        }
        String problem = keyProblem(text);
        if (problem != null) {
            violations.add(new Violation(path, problem));
            return ApiKeyChange.KEEP;
        }
        return new ApiKeyChange.Set(SecretString.of(text));
    }

    /**
     * Why a non-blank key cannot be used, or null. The key travels in an HTTP header ({@code x-goog-api-key}), so
     * only visible ASCII works; a line break or NUL would only fail later, in the middle of a pipeline run. The
     * message never quotes the key.
     */
    static String keyProblem(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            return "must be at most " + MAX_KEY_LENGTH + " characters";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return "must consist of visible ASCII characters only (no spaces, line breaks or control characters),"
                        + " as it is sent in an HTTP header; character " + (i + 1) + " is not";
            }
        }
        return null;
    }

    private static Instant updatedAt(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException ignored) {
                    // fall through to the 400 below
                }
            }
        }
        throw HttpProblem.badRequest("Field 'updated_at' must be the ISO-8601 timestamp from the last GET"
                + " (e.g. 2025-01-31T12:00:00Z) or null.");
    }
}
