package org.eventdedup.config.domain.model;

/** How each field of a canonical event is chosen from its sources; the enum type of each field limits its allowed strategies. */
public record FieldStrategies(
        @Doc(title = "Title") TextStrategy title,
        @Doc(title = "Short description") TextStrategy shortDescription,
        @Doc(title = "Description") TextStrategy description,
        @Doc(title = "Highlights") ListStrategy highlights,
        @Doc(title = "Location name") TextStrategy locationName,
        @Doc(title = "Location city") TextStrategy locationCity,
        @Doc(title = "Location street") TextStrategy locationStreet,
        @Doc(title = "Coordinates") GeoStrategy geo,
        @Doc(title = "Categories") ListStrategy categories,
        @Doc(title = "Family event") BooleanStrategy isFamilyEvent,
        @Doc(title = "Child focused") BooleanStrategy isChildFocused,
        @Doc(title = "Admission free") BooleanStrategy admissionFree) {

    public static final FieldStrategies DEFAULT = new FieldStrategies(
            TextStrategy.LONGEST_NON_GENERIC, TextStrategy.LONGEST, TextStrategy.LONGEST, ListStrategy.UNION,
            TextStrategy.MOST_COMPLETE, TextStrategy.MOST_FREQUENT, TextStrategy.MOST_COMPLETE,
            GeoStrategy.HIGHEST_CONFIDENCE, ListStrategy.UNION,
            BooleanStrategy.ANY_TRUE, BooleanStrategy.ANY_TRUE, BooleanStrategy.ANY_TRUE);
}
