package org.eventdedup.matching.canonical;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.matching.cluster.ClusterFlag;
import org.eventdedup.matching.model.EventDate;

/**
 * One real-world event, merged from the listings of one cluster (matching-spec B §9, Part A 6–7).
 *
 * @param title            never null ({@code ""} when every source title is empty)
 * @param geo              null when no source has usable coordinates
 * @param dates            union of the sources' date entries, without duplicates, in first-seen order (not sorted)
 * @param firstDate        smallest {@code date}/{@code end_date} over {@code dates}; null without dates
 * @param lastDate         largest {@code date}/{@code end_date} over {@code dates}; null without dates
 * @param sourceIds        the cluster's listing ids, sorted by id
 * @param fieldProvenance  field name (snake_case) → id of the source the value came from, or a marker such as
 *                         {@value CanonicalSynthesizer#UNION_ALL_SOURCES}; fixed key order
 * @param matchConfidence  mean combined score of the match decisions inside the cluster; null for singletons
 * @param needsReview      true when the cluster was flagged
 * @param reviewFlag       the failed coherence check when {@code needsReview}, else null
 * @param aiAssisted       true when at least one match edge inside the cluster was decided by the AI
 */
public record CanonicalEvent(
        String title,
        String shortDescription,
        String description,
        List<String> highlights,
        String locationName,
        String locationCity,
        String locationDistrict,
        String locationStreet,
        String locationZipcode,
        CanonicalGeo geo,
        List<EventDate> dates,
        LocalDate firstDate,
        LocalDate lastDate,
        List<String> categories,
        boolean isFamilyEvent,
        boolean isChildFocused,
        boolean admissionFree,
        int sourceCount,
        List<String> sourceIds,
        Map<String, String> fieldProvenance,
        Double matchConfidence,
        boolean needsReview,
        ClusterFlag reviewFlag,
        boolean aiAssisted) {

    public CanonicalEvent {
        Objects.requireNonNull(title, "title");
        highlights = List.copyOf(highlights);
        dates = List.copyOf(dates);
        categories = List.copyOf(categories);
        sourceIds = List.copyOf(sourceIds);
        fieldProvenance = Collections.unmodifiableMap(new LinkedHashMap<>(fieldProvenance));
        if (needsReview != (reviewFlag != null)) {
            throw new IllegalArgumentException("needsReview must be true exactly when a review flag is given");
        }
    }
}
