package org.eventdedup.config.domain.model;

import java.util.Objects;

/** The complete matching configuration: every parameter the engine reads. Immutable; built-ins in {@link #DEFAULT}. */
public record MatchingConfig(
        @Doc(title = "Scoring weights", value = "How much each signal counts in the combined score.")
        ScoringWeights scoring,
        @Doc(title = "Thresholds", value = "Where the combined score turns a pair into match, ambiguous or no match.")
        Thresholds thresholds,
        @Doc(title = "Geographic", value = "How locations are compared.")
        GeoConfig geo,
        @Doc(title = "Date/time", value = "How dates and start times are compared.")
        DateConfig date,
        @Doc(title = "Title matching", value = "How titles are compared.")
        TitleConfig title,
        @Doc(title = "Clustering", value = "When a cluster of matched listings is flagged for review.")
        ClusterConfig cluster,
        @Doc(title = "Canonical field strategies", value = "How a canonical event is assembled from its sources.")
        CanonicalConfig canonical,
        @Doc(title = "AI matching", value = "Gemini resolves ambiguous pairs in a score window.")
        AiConfig ai,
        @Doc(title = "Category weights", value = "Scoring weights per event category.")
        CategoryWeights categoryWeights,
        @Doc(title = "Blocking", value = "Which listings are compared at all.")
        BlockingConfig blocking) {

    public static final MatchingConfig DEFAULT = new MatchingConfig(ScoringWeights.DEFAULT, Thresholds.DEFAULT,
            GeoConfig.DEFAULT, DateConfig.DEFAULT, TitleConfig.DEFAULT, ClusterConfig.DEFAULT, CanonicalConfig.DEFAULT,
            AiConfig.DEFAULT, CategoryWeights.DEFAULT, BlockingConfig.DEFAULT);

    public MatchingConfig {
        Objects.requireNonNull(scoring, "scoring");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(geo, "geo");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(ai, "ai");
        Objects.requireNonNull(categoryWeights, "categoryWeights");
        Objects.requireNonNull(blocking, "blocking");
    }

    public MatchingConfig withAi(AiConfig value) {
        return new MatchingConfig(scoring, thresholds, geo, date, title, cluster, canonical, value, categoryWeights,
                blocking);
    }
}
