package org.eventdedup.worker.adapter.http;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eventdedup.http.HttpProblem;

/**
 * The query parameters and path ids of this adapter, each checked on its own: a value that cannot be used is a 400
 * naming the parameter, never a default in its place. Every parameter may appear once; a name the endpoint does not
 * know is rejected too, so a typo ({@code ?datefrom=}) never silently widens a search.
 */
final class QueryParameters {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_TEXT_LENGTH = 200;

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    private final Map<String, List<String>> values;

    /** @param known the parameter names the endpoint reads */
    QueryParameters(Map<String, List<String>> values, Set<String> known) {
        this.values = values;
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw badParameter(HttpProblem.shown(name), known.isEmpty()
                        ? "is not known here; this endpoint takes no query parameters."
                        : "is not known here; use " + String.join(", ", known.stream().sorted().toList()) + ".");
            }
        }
    }

    /** The raw value; null when absent. */
    String single(String name) {
        List<String> given = values.get(name);
        if (given == null || given.isEmpty()) {
            return null;
        }
        if (given.size() > 1) {
            throw badParameter(name, "may be given only once, got " + given.size() + " values.");
        }
        return given.get(0);
    }

    /** {@code limit}: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    int limit() {
        return boundedInt("limit", single("limit"), 1, MAX_LIMIT, DEFAULT_LIMIT);
    }

    /** {@code offset}: 0 or more, 0 when absent. */
    int offset() {
        return boundedInt("offset", single("offset"), 0, Integer.MAX_VALUE, 0);
    }

    /** An ISO date {@code yyyy-MM-dd}; null when absent. */
    LocalDate date(String name) {
        String raw = single(name);
        if (raw == null) {
            return null;
        }
        if (ISO_DATE.matcher(raw).matches()) {
            try {
                return LocalDate.parse(raw, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                // an impossible day such as 2026-02-30: reported below
            }
        }
        throw badParameter(name, "must be a date as yyyy-MM-dd, got '" + HttpProblem.shown(raw) + "'.");
    }

    /**
     * Free text: trimmed, at most {@value #MAX_TEXT_LENGTH} characters, no control characters; null when absent or
     * blank.
     */
    String text(String name) {
        String raw = single(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        if (text.length() > MAX_TEXT_LENGTH) {
            throw badParameter(name, "may be at most " + MAX_TEXT_LENGTH + " characters, got "
                    + text.length() + ".");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw badParameter(name, "must not contain control characters.");
        }
        return text;
    }

    /** A path id: a positive whole number. */
    static long id(String raw) {
        if (raw != null && DIGITS.matcher(raw).matches()) {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        }
        throw badParameter("id", "must be a positive whole number, got '" + HttpProblem.shown(raw) + "'.");
    }

    /** A whole number from {@code min} to {@code max}; {@code absent} when not given. */
    int boundedInt(String name, int min, int max, int absent) {
        return boundedInt(name, single(name), min, max, absent);
    }

    private static int boundedInt(String name, String raw, int min, int max, int absent) {
        if (raw == null) {
            return absent;
        }
        long value = -1;
        if (DIGITS.matcher(raw).matches()) {
            value = Long.parseLong(raw);
        }
        if (value < min || value > max) {
            String range = max == Integer.MAX_VALUE ? "a whole number of at least " + min
                    : "a whole number from " + min + " to " + max;
            throw badParameter(name, "must be " + range + ", got '" + HttpProblem.shown(raw) + "'.");
        }
        return (int) value;
    }

    /** 400 naming the query parameter (or path segment) in {@code parameter}; {@code detail} goes on from its name. */
    static HttpProblem badParameter(String name, String detail) {
        return HttpProblem.badParameter(name, "Parameter '" + name + "' " + detail);
    }
}
