package org.eventdedup.generator;

import java.time.LocalDate;
import java.util.List;

/**
 * One generated event listing in the shape of the input file format (matching-spec B §2.3): field for field what
 * {@link DataSetFiles} writes. Times are strings in the source's own format ({@code "19:00"} or {@code "19:00:00"}).
 * Optional fields are null when the source leaves them out.
 */
public record SyntheticListing(String id, String title, String shortDescription, String description,
                               List<String> highlights, List<DateEntry> dates, Place location, String sourceType,
                               List<String> categories, Boolean isFamilyEvent, Boolean isChildFocused,
                               Boolean admissionFree, Boolean registrationRequired) {

    public SyntheticListing {
        dates = List.copyOf(dates);
        categories = categories == null ? null : List.copyOf(categories);
        highlights = highlights == null ? null : List.copyOf(highlights);
    }

    SyntheticListing withId(String newId) {
        return new SyntheticListing(newId, title, shortDescription, description, highlights, dates, location,
                sourceType, categories, isFamilyEvent, isChildFocused, admissionFree, registrationRequired);
    }

    /** One {@code event_dates} entry; {@code endDate} marks a multi-day range. */
    public record DateEntry(LocalDate date, String startTime, String endTime, LocalDate endDate) {
    }

    /**
     * The {@code location} object; {@code sanitizedCity} becomes {@code _sanitizeResult.city} (a geocoder's
     * clean city name, which the parser prefers over {@code city}) when not null.
     */
    public record Place(String name, String city, String district, String street, String zipcode, Point geo,
                        String sanitizedCity) {
    }

    /** The {@code location.geo} object. */
    public record Point(double latitude, double longitude, double confidence) {
    }
}
