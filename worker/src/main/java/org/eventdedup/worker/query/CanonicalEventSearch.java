package org.eventdedup.worker.query;

import java.time.LocalDate;

/**
 * What to look for; null criteria are not applied.
 *
 * @param titleContains case-insensitive substring of the title, taken literally ({@code %} and {@code _} are plain
 *                      characters)
 * @param city          a city name as a user types it; compared after the same normalisation (and city aliases) as
 *                      blocking uses, against every source listing of an event
 * @param from          events whose last date is on or after this day
 * @param to            events whose first date is on or before this day
 */
public record CanonicalEventSearch(String titleContains, String city, LocalDate from, LocalDate to, int limit,
                                   int offset) {
    public static final int MAX_LIMIT = 500;
    public static final int MAX_TEXT_LENGTH = 200;

    public CanonicalEventSearch {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to, was " + from + " > " + to);
        }
        checkText("titleContains", titleContains);
        checkText("city", city);
    }

    private static void checkText(String name, String value) {
        if (value != null && (value.isEmpty() || value.length() > MAX_TEXT_LENGTH)) {
            throw new IllegalArgumentException(name + " must have 1 to " + MAX_TEXT_LENGTH + " characters, had "
                    + value.length());
        }
    }
}
