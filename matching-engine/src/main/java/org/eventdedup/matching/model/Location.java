package org.eventdedup.matching.model;

/**
 * Venue fields, already flattened (matching-spec B §2.3): {@code city} is the sanitised city when the input had one.
 * Every field may be null; {@code geo} is null when any coordinate is missing.
 */
public record Location(String name, String city, String district, String street, String streetNo, String zipcode,
                       Geo geo) {
    public static final Location NONE = new Location(null, null, null, null, null, null, null);
}
