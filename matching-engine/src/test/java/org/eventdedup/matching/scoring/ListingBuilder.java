package org.eventdedup.matching.scoring;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Geo;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.Location;

/** Test-data builder: starts as a valid terminliste listing without optional fields; override what a test needs. */
public final class ListingBuilder {
    private final String id;
    private String sourceType = "terminliste";
    private String title = "Konzert im Stadtpark";
    private String shortDescription;
    private String description;
    private String venue;
    private String city;
    private Geo geo;
    private final List<EventDate> dates = new ArrayList<>();
    private List<String> categories = List.of();

    private ListingBuilder(String id) {
        this.id = id;
    }

    public static ListingBuilder aListing(String id) {
        return new ListingBuilder(id);
    }

    public ListingBuilder title(String value) {
        title = value;
        return this;
    }

    public ListingBuilder sourceType(String value) {
        sourceType = value;
        return this;
    }

    public ListingBuilder description(String value) {
        description = value;
        return this;
    }

    public ListingBuilder shortDescription(String value) {
        shortDescription = value;
        return this;
    }

    public ListingBuilder venue(String value) {
        venue = value;
        return this;
    }

    public ListingBuilder city(String value) {
        city = value;
        return this;
    }

    public ListingBuilder geo(double lat, double lon, Double confidence) {
        geo = new Geo(lat, lon, confidence, "DE");
        return this;
    }

    public ListingBuilder on(String date) {
        dates.add(new EventDate(LocalDate.parse(date), null, null, null));
        return this;
    }

    public ListingBuilder on(String date, String startTime) {
        dates.add(new EventDate(LocalDate.parse(date), LocalTime.parse(startTime), null, null));
        return this;
    }

    public ListingBuilder from(String date, String endDate) {
        dates.add(new EventDate(LocalDate.parse(date), null, null, LocalDate.parse(endDate)));
        return this;
    }

    public ListingBuilder categories(String... values) {
        categories = List.of(values);
        return this;
    }

    public Listing build() {
        Location location = new Location(venue, city, null, null, null, null, geo);
        return new Listing(id, "src", sourceType, title, shortDescription, description, List.of(), location, dates,
                categories, null, null, null, null, null, null, 0);
    }

    /** Prepared with the spec's lexicon and {@code config}. */
    public PreparedListing prepared(org.eventdedup.config.domain.model.MatchingConfig config) {
        return new ListingPreparer(SpecLexicon.LEXICON, config).prepare(build());
    }

    public PreparedListing prepared() {
        return prepared(org.eventdedup.config.domain.model.MatchingConfig.DEFAULT);
    }
}
