package org.eventdedup.matching.scoring;

import java.util.Objects;
import org.eventdedup.config.domain.model.GeoConfig;
import org.eventdedup.matching.model.Geo;
import org.eventdedup.matching.text.Similarity;

/**
 * Geo signal (matching-spec B §5.3): linear fall-off of the haversine distance to 0 at {@code max_distance_km};
 * neutral when a point is missing or (unless both points are identical) less certain than {@code min_confidence};
 * closer than {@code venue_match_distance_km}, venue names less similar than {@code venue_name_min_similarity}
 * multiply the score by {@code venue_mismatch_factor}.
 */
public final class GeoScorer {

    static final double EARTH_RADIUS_KM = 6371.0;
    private static final double IDENTICAL_DEGREES = 1e-6;
    /** The evidence of a pair without trusted points: the config's neutral score stands in. */
    public static final double NEUTRAL = Double.NaN;

    private final GeoConfig config;

    public GeoScorer(GeoConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public double score(PreparedListing a, PreparedListing b) {
        return withNeutral(evidence(a, b), config.neutralScore());
    }

    /** {@code evidence} as the signal: {@link #NEUTRAL} becomes {@code neutralScore}. */
    public static double withNeutral(double evidence, double neutralScore) {
        return Double.isNaN(evidence) ? neutralScore : evidence;
    }

    /**
     * The geo signal, or {@link #NEUTRAL} when a point is missing or untrusted — so the config tuner can try other
     * neutral scores without scoring the pair again.
     */
    public double evidence(PreparedListing a, PreparedListing b) {
        Geo ga = a.geo();
        Geo gb = b.geo();
        if (ga == null || gb == null) {
            return NEUTRAL;
        }
        boolean identical = Math.abs(ga.latitude() - gb.latitude()) < IDENTICAL_DEGREES
                && Math.abs(ga.longitude() - gb.longitude()) < IDENTICAL_DEGREES;
        if (!identical && (untrusted(ga) || untrusted(gb))) {
            return NEUTRAL;
        }
        double distance = haversineKm(ga.latitude(), ga.longitude(), gb.latitude(), gb.longitude());
        double score = Math.max(0.0, 1.0 - distance / config.maxDistanceKm());
        if (distance < config.venueMatchDistanceKm() && a.venueName() != null && b.venueName() != null) {
            double similarity = Similarity.tokenSortRatio(a.venueName(), b.venueName()) / 100.0;
            if (similarity < config.venueNameMinSimilarity()) {
                score *= config.venueMismatchFactor();
            }
        }
        return score;
    }

    private boolean untrusted(Geo geo) {
        return geo.confidence() != null && geo.confidence() < config.minConfidence();
    }

    /** Great-circle distance in km on a sphere of radius 6371 km. */
    public static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double sinLat = Math.sin(dLat / 2);
        double sinLon = Math.sin(dLon / 2);
        double h = sinLat * sinLat
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * sinLon * sinLon;
        return EARTH_RADIUS_KM * 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
    }
}
