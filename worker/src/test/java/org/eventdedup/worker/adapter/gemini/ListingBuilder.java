package org.eventdedup.worker.adapter.gemini;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.Location;

/** A valid listing to start from; override what a test is about. */
final class ListingBuilder {
    private String id;
    private String sourceCode = "bwb";
    private String sourceType = "terminliste";
    private String title = "Fasnetsumzug Gengenbach";
    private String shortDescription;
    private String description = "Großer Umzug der Narrenzünfte durch die Altstadt.";
    private String locationName = "Marktplatz";
    private String locationCity = "Gengenbach";
    private List<EventDate> dates = new ArrayList<>(List.of(
            new EventDate(LocalDate.of(2026, 2, 14), LocalTime.of(14, 0), null, null)));
    private List<String> categories = List.of("fasnacht");

    private ListingBuilder(String id) {
        this.id = id;
    }

    static ListingBuilder aListing(String id) {
        return new ListingBuilder(id);
    }

    ListingBuilder withId(String value) {
        id = value;
        return this;
    }

    ListingBuilder withSource(String code, String type) {
        sourceCode = code;
        sourceType = type;
        return this;
    }

    ListingBuilder withTitle(String value) {
        title = value;
        return this;
    }

    ListingBuilder withDescription(String value) {
        description = value;
        return this;
    }

    ListingBuilder withShortDescription(String value) {
        shortDescription = value;
        return this;
    }

    ListingBuilder withLocation(String name, String city) {
        locationName = name;
        locationCity = city;
        return this;
    }

    ListingBuilder withDates(EventDate... values) {
        dates = new ArrayList<>(List.of(values));
        return this;
    }

    ListingBuilder withCategories(String... values) {
        categories = List.of(values);
        return this;
    }

    Listing build() {
        return new Listing(id, sourceCode, sourceType, title, shortDescription, description, List.of(),
                new Location(locationName, locationCity, null, null, null, null, null), dates, categories,
                null, null, null, null, null, null, 0);
    }
}
