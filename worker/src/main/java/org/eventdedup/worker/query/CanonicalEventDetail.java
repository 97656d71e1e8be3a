package org.eventdedup.worker.query;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One canonical event with everything that explains it.
 *
 * @param dates           the event's dates as synthesised ({@code date}, {@code start_time}, ...)
 * @param fieldProvenance field name → the source listing id its value came from (or a marker such as
 *                        {@code union})
 * @param sources         the member listings, by id
 * @param decisions       every stored pair decision touching a member, by (a, b): within the event and with
 *                        listings of other events
 */
public record CanonicalEventDetail(CanonicalEventSummary summary, String shortDescription, String description,
                                   List<String> highlights, String locationDistrict, String locationStreet,
                                   String locationZipcode, GeoView geo, List<Map<String, Object>> dates,
                                   boolean isFamilyEvent, boolean isChildFocused, boolean admissionFree,
                                   Map<String, String> fieldProvenance, Instant createdAt,
                                   List<SourceListingView> sources, List<DecisionView> decisions) {
    public CanonicalEventDetail {
        Objects.requireNonNull(summary, "summary");
        highlights = List.copyOf(highlights);
        dates = List.copyOf(dates);
        fieldProvenance = Collections.unmodifiableMap(new LinkedHashMap<>(fieldProvenance));
        sources = List.copyOf(sources);
        decisions = List.copyOf(decisions);
    }

    public record GeoView(double latitude, double longitude, Double confidence) {
    }

    /**
     * @param listing the stored listing as in the input format (snake_case; nulls kept)
     */
    public record SourceListingView(String id, String sourceCode, String sourceType, long fileIngestionId,
                                    String filename, long ingestionOrder, Map<String, Object> listing) {
        public SourceListingView {
            listing = Collections.unmodifiableMap(new LinkedHashMap<>(listing));
        }
    }

    /**
     * @param aEventId the canonical event listing {@code a} belongs to (null if it belongs to none)
     * @param decision {@code match}, {@code ambiguous} or {@code no_match}
     * @param tier     who decided, as the engine's {@code Tier} names it ({@code deterministic}, {@code ai},
     *                 {@code ai_cached}, ...)
     */
    public record DecisionView(String a, String b, Long aEventId, Long bEventId, double dateScore, double geoScore,
                               double titleScore, double descriptionScore, double combinedScore, String decision,
                               String tier, long configVersion, Instant decidedAt) {
    }
}
