package org.eventdedup.matching.scoring;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.eventdedup.matching.model.Geo;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.text.TokenizedText;

/**
 * A listing with everything the scorers and blocking need computed once (built by {@link ListingPreparer}): the
 * normalised title (Part A 1) tokenised, the normalised description's sorted tokens, the normalised city, the date
 * set with multi-day ranges expanded (Part A 4) and the start time per date, the geo point and the lowercased venue
 * name. Immutable; safe to share between threads.
 */
public final class PreparedListing {

    static final int NO_TIME = -1;

    private final Listing listing;
    private final String normalizedTitle;
    private final TokenizedText title;
    private final String normalizedDescription;
    /** Sorted, re-joined description tokens; kept as a String (one byte per Latin-1 char) to keep 100k+ listings small. */
    private final String descriptionSorted;
    private final String normalizedCity;
    private final int[] daysInOrder;
    private final int[] sortedDays;
    private final int[] startSeconds;
    private final TokenizedText venueName;
    private final Set<String> categories;

    PreparedListing(Listing listing, String normalizedTitle, TokenizedText title, String normalizedDescription,
                    String descriptionSorted, String normalizedCity, int[] daysInOrder, int[] sortedDays,
                    int[] startSeconds, TokenizedText venueName) {
        this.listing = listing;
        this.normalizedTitle = normalizedTitle;
        this.title = title;
        this.normalizedDescription = normalizedDescription;
        this.descriptionSorted = descriptionSorted;
        this.normalizedCity = normalizedCity;
        this.daysInOrder = daysInOrder;
        this.sortedDays = sortedDays;
        this.startSeconds = startSeconds;
        this.venueName = venueName;
        this.categories = listing.categories().isEmpty() ? Set.of() : Set.copyOf(WeightResolver.fold(listing.categories()));
    }

    public Listing listing() {
        return listing;
    }

    public String id() {
        return listing.id();
    }

    public String sourceType() {
        return listing.sourceType();
    }

    /** Prefix-stripped, {@code normalize_text} with synonyms, case-folded; {@code ""} when nothing is left. */
    public String normalizedTitle() {
        return normalizedTitle;
    }

    public TokenizedText title() {
        return title;
    }

    /** {@code normalize_text} with synonyms of the description, else the short description; {@code ""} if none. */
    public String normalizedDescription() {
        return normalizedDescription;
    }

    String descriptionSorted() {
        return descriptionSorted;
    }

    /** {@code normalize_city} of the location's city; {@code ""} when there is none. */
    public String normalizedCity() {
        return normalizedCity;
    }

    /** The distinct dates, ranges expanded day by day (capped at {@code blocking.max_range_days}), in input order. */
    public List<LocalDate> dates() {
        List<LocalDate> dates = new ArrayList<>(daysInOrder.length);
        for (int day : daysInOrder) {
            dates.add(LocalDate.ofEpochDay(day));
        }
        return Collections.unmodifiableList(dates);
    }

    /** The start time that applies on {@code date} (the first entry covering it decides), or null. */
    public LocalTime startTimeOn(LocalDate date) {
        int index = java.util.Arrays.binarySearch(sortedDays, Math.toIntExact(date.toEpochDay()));
        if (index < 0 || startSeconds[index] == NO_TIME) {
            return null;
        }
        return LocalTime.ofSecondOfDay(startSeconds[index]);
    }

    int[] sortedDays() {
        return sortedDays;
    }

    int[] startSeconds() {
        return startSeconds;
    }

    /** Null when any coordinate is missing. */
    public Geo geo() {
        return listing.location().geo();
    }

    /** Token view of the lowercased venue name, null when the listing names no venue. */
    TokenizedText venueName() {
        return venueName;
    }

    public Set<String> categories() {
        return categories;
    }

    @Override
    public String toString() {
        return "PreparedListing[" + id() + ": " + normalizedTitle + "]";
    }
}
