package org.eventdedup.matching.model;

import java.util.List;
import java.util.Objects;

/**
 * One event listing from one source, as parsed from an input file (matching-spec B §2.3). Lists are never null
 * (empty when absent); optional texts and flags may be null. {@code ingestionOrder} orders listings by arrival
 * (file order, then position in the file); the "first" strategy and all tie-breaks use it, then the id.
 */
public record Listing(
        String id,
        String sourceCode,
        String sourceType,
        String title,
        String shortDescription,
        String description,
        List<String> highlights,
        Location location,
        List<EventDate> dates,
        List<String> categories,
        Boolean isFamilyEvent,
        Boolean isChildFocused,
        Boolean admissionFree,
        Boolean registrationRequired,
        String registrationContact,
        Double confidenceScore,
        long ingestionOrder) {

    public Listing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(sourceType, "sourceType");
        highlights = highlights == null ? List.of() : List.copyOf(highlights);
        categories = categories == null ? List.of() : List.copyOf(categories);
        dates = dates == null ? List.of() : List.copyOf(dates);
        location = location == null ? Location.NONE : location;
    }
}
