package org.eventdedup.matching.canonical;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Geo;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.Location;

/** Test-data builder: starts as a valid listing without optional fields; override what a test needs. */
final class ListingBuilder {
    private final String id;
    private long ingestionOrder;
    private String title = "";
    private String shortDescription;
    private String description;
    private List<String> highlights = List.of();
    private String name;
    private String city;
    private String district;
    private String street;
    private String zipcode;
    private Geo geo;
    private final List<EventDate> dates = new ArrayList<>();
    private List<String> categories = List.of();
    private Boolean family;
    private Boolean child;
    private Boolean free;

    private ListingBuilder(String id) {
        this.id = id;
    }

    static ListingBuilder aListing(String id) {
        return new ListingBuilder(id);
    }

    ListingBuilder ingested(long order) {
        this.ingestionOrder = order;
        return this;
    }

    ListingBuilder title(String value) {
        this.title = value;
        return this;
    }

    /** Sets a text field by its snake_case canonical name. */
    ListingBuilder text(String field, String value) {
        switch (field) {
            case "title" -> title = value == null ? "" : value;
            case "short_description" -> shortDescription = value;
            case "description" -> description = value;
            case "location_name" -> name = value;
            case "location_city" -> city = value;
            case "location_district" -> district = value;
            case "location_street" -> street = value;
            case "location_zipcode" -> zipcode = value;
            default -> throw new IllegalArgumentException(field);
        }
        return this;
    }

    ListingBuilder list(String field, List<String> value) {
        switch (field) {
            case "highlights" -> highlights = value;
            case "categories" -> categories = value;
            default -> throw new IllegalArgumentException(field);
        }
        return this;
    }

    ListingBuilder bool(String field, Boolean value) {
        switch (field) {
            case "is_family_event" -> family = value;
            case "is_child_focused" -> child = value;
            case "admission_free" -> free = value;
            default -> throw new IllegalArgumentException(field);
        }
        return this;
    }

    ListingBuilder description(String value) {
        return text("description", value);
    }

    ListingBuilder city(String value) {
        return text("location_city", value);
    }

    ListingBuilder highlights(String... values) {
        return list("highlights", Arrays.asList(values));
    }

    ListingBuilder geo(double latitude, double longitude, Double confidence) {
        this.geo = new Geo(latitude, longitude, confidence, null);
        return this;
    }

    ListingBuilder date(String date) {
        return date(date, null, null, null);
    }

    ListingBuilder date(String date, String start, String end, String endDate) {
        dates.add(new EventDate(LocalDate.parse(date), start == null ? null : LocalTime.parse(start),
                end == null ? null : LocalTime.parse(end), endDate == null ? null : LocalDate.parse(endDate)));
        return this;
    }

    Listing build() {
        return new Listing(id, "src", "terminliste", title, shortDescription, description, highlights,
                new Location(name, city, district, street, null, zipcode, geo), dates, categories, family, child,
                free, null, null, null, ingestionOrder);
    }
}
