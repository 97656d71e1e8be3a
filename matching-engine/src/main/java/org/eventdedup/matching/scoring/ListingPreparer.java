package org.eventdedup.matching.scoring;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.matching.model.EventDate;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.text.Lexicon;
import org.eventdedup.matching.text.Normalizer;
import org.eventdedup.matching.text.TokenizedText;
import org.eventdedup.matching.text.Whitespace;

/**
 * Turns listings into {@link PreparedListing}s: all per-listing work of matching-spec B §3 and Part A 1 and 4, done
 * once so pair scoring only compares. Reads {@code blocking.max_range_days} from the config. Thread-safe.
 */
public final class ListingPreparer {

    private final Lexicon lexicon;
    private final int maxRangeDays;

    public ListingPreparer(Lexicon lexicon, MatchingConfig config) {
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.maxRangeDays = Objects.requireNonNull(config, "config").blocking().maxRangeDays();
        if (maxRangeDays < 1) {
            throw new IllegalArgumentException("blocking.max_range_days must be at least 1, was " + maxRangeDays);
        }
    }

    public PreparedListing prepare(Listing listing) {
        Objects.requireNonNull(listing, "listing");
        String title = Normalizer.casefold(lexicon.normalizeTitle(listing.title()));
        String descriptionSource = !Whitespace.isBlank(listing.description()) ? listing.description()
                : listing.shortDescription();
        String description = Normalizer.normalizeText(descriptionSource, lexicon);
        String venue = listing.location().name();
        TokenizedText venueTokens = Whitespace.isBlank(venue) ? null
                : TokenizedText.of(venue.toLowerCase(Locale.ROOT));
        String city = lexicon.normalizeCity(listing.location().city());

        // date -> start second; insertion order = input order; the first entry covering a date decides its time
        Map<Integer, Integer> times = new LinkedHashMap<>();
        for (EventDate entry : listing.dates()) {
            long first = entry.date().toEpochDay();
            long last = first;
            if (entry.endDate() != null && entry.endDate().toEpochDay() > first) {
                last = Math.min(entry.endDate().toEpochDay(), first + maxRangeDays - 1);
            }
            int start = entry.startTime() == null ? PreparedListing.NO_TIME : entry.startTime().toSecondOfDay();
            for (long day = first; day <= last; day++) {
                times.putIfAbsent(Math.toIntExact(day), start);
            }
        }
        int[] inOrder = times.keySet().stream().mapToInt(Integer::intValue).toArray();
        int[] sorted = inOrder.clone();
        Arrays.sort(sorted);
        int[] startSeconds = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            startSeconds[i] = times.get(sorted[i]);
        }
        return new PreparedListing(listing, title, TokenizedText.of(title), description,
                TokenizedText.of(description).sortedText(), city, inOrder, sorted, startSeconds, venueTokens);
    }
}
