package org.eventdedup.matching.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.BlockingConfig;
import org.eventdedup.config.domain.model.BoundingBox;
import org.eventdedup.config.domain.model.CategoryWeights;
import org.eventdedup.config.domain.model.DateConfig;
import org.eventdedup.config.domain.model.GeoConfig;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.config.domain.model.Thresholds;
import org.eventdedup.config.domain.model.TitleBlend;
import org.eventdedup.config.domain.model.TitleConfig;

/** Test-data builder for {@link MatchingConfig}: starts from the built-in defaults; each wither changes one value. */
public final class ConfigBuilder {
    private MatchingConfig base = MatchingConfig.DEFAULT;
    private double wDate = 0.30, wGeo = 0.25, wTitle = 0.30, wDescription = 0.15;
    private double high = 0.75, low = 0.35, titleVeto = 0.45;
    private double maxDistanceKm = 10.0, minConfidence = 0.85, neutralScore = 0.5, venueMatchDistanceKm = 1.0,
            venueMismatchFactor = 0.5, venueNameMinSimilarity = 0.5;
    private int timeToleranceMinutes = 30, timeCloseMinutes = 90;
    private double closeFactor = 0.1, farFactor = 0.0, timeGapPenaltyHours = 2.0, timeGapPenaltyFactor = 0.0;
    private double primaryWeight = 0.7, secondaryWeight = 0.3, blendLower = 0.40, blendUpper = 0.80;
    private TitleBlend crossSourceType;
    private List<String> priority = List.of();
    private final Map<String, ScoringWeights> overrides = new LinkedHashMap<>();
    private double gridLat = 0.09, gridLon = 0.13, minGeoConfidence = 0.85;
    private BoundingBox boundingBox = BoundingBox.BREISGAU;
    private int maxRangeDays = 31;

    public static ConfigBuilder aConfig() {
        return new ConfigBuilder();
    }

    public ConfigBuilder weights(double date, double geo, double title, double description) {
        wDate = date; wGeo = geo; wTitle = title; wDescription = description;
        return this;
    }

    public ConfigBuilder high(double v) { high = v; return this; }
    public ConfigBuilder low(double v) { low = v; return this; }
    public ConfigBuilder titleVeto(double v) { titleVeto = v; return this; }
    public ConfigBuilder maxDistanceKm(double v) { maxDistanceKm = v; return this; }
    public ConfigBuilder minConfidence(double v) { minConfidence = v; return this; }
    public ConfigBuilder neutralScore(double v) { neutralScore = v; return this; }
    public ConfigBuilder venueMatchDistanceKm(double v) { venueMatchDistanceKm = v; return this; }
    public ConfigBuilder venueMismatchFactor(double v) { venueMismatchFactor = v; return this; }
    public ConfigBuilder venueNameMinSimilarity(double v) { venueNameMinSimilarity = v; return this; }
    public ConfigBuilder timeToleranceMinutes(int v) { timeToleranceMinutes = v; return this; }
    public ConfigBuilder timeCloseMinutes(int v) { timeCloseMinutes = v; return this; }
    public ConfigBuilder closeFactor(double v) { closeFactor = v; return this; }
    public ConfigBuilder farFactor(double v) { farFactor = v; return this; }
    public ConfigBuilder timeGapPenaltyHours(double v) { timeGapPenaltyHours = v; return this; }
    public ConfigBuilder timeGapPenaltyFactor(double v) { timeGapPenaltyFactor = v; return this; }
    public ConfigBuilder primaryWeight(double v) { primaryWeight = v; return this; }
    public ConfigBuilder secondaryWeight(double v) { secondaryWeight = v; return this; }
    public ConfigBuilder blendLower(double v) { blendLower = v; return this; }
    public ConfigBuilder blendUpper(double v) { blendUpper = v; return this; }
    public ConfigBuilder gridLat(double v) { gridLat = v; return this; }
    public ConfigBuilder gridLon(double v) { gridLon = v; return this; }
    public ConfigBuilder minGeoConfidence(double v) { minGeoConfidence = v; return this; }
    public ConfigBuilder boundingBox(BoundingBox v) { boundingBox = v; return this; }
    public ConfigBuilder maxRangeDays(int v) { maxRangeDays = v; return this; }

    public ConfigBuilder crossSourceType(double pw, double sw, double lower, double upper) {
        crossSourceType = new TitleBlend(pw, sw, lower, upper);
        return this;
    }

    /** The shipped YAML's cross-type blend, 0.4 / 0.6 / 0.25 / 0.95. */
    public ConfigBuilder shippedCrossSourceType() {
        return crossSourceType(0.4, 0.6, 0.25, 0.95);
    }

    public ConfigBuilder priority(String... categories) {
        priority = List.of(categories);
        return this;
    }

    public ConfigBuilder override(String category, double date, double geo, double title, double description) {
        overrides.put(category, new ScoringWeights(date, geo, title, description));
        return this;
    }

    /** The shipped YAML's category weights (B §6.1). */
    public ConfigBuilder shippedCategoryWeights() {
        return priority("fasnacht", "versammlung")
                .override("fasnacht", 0.30, 0.30, 0.25, 0.15)
                .override("versammlung", 0.25, 0.20, 0.40, 0.15);
    }

    public MatchingConfig build() {
        return new MatchingConfig(new ScoringWeights(wDate, wGeo, wTitle, wDescription),
                new Thresholds(high, low, titleVeto),
                new GeoConfig(maxDistanceKm, minConfidence, neutralScore, venueMatchDistanceKm, venueMismatchFactor,
                        venueNameMinSimilarity),
                new DateConfig(timeToleranceMinutes, timeCloseMinutes, closeFactor, farFactor, timeGapPenaltyHours,
                        timeGapPenaltyFactor),
                new TitleConfig(primaryWeight, secondaryWeight, blendLower, blendUpper, crossSourceType),
                base.cluster(), base.canonical(), base.ai(), new CategoryWeights(priority, overrides),
                new BlockingConfig(gridLat, gridLon, minGeoConfidence, boundingBox, maxRangeDays));
    }
}
