package org.eventdedup.config.domain.rule;

import static org.eventdedup.config.domain.rule.CrossFieldRule.Kind.AT_MOST;
import static org.eventdedup.config.domain.rule.CrossFieldRule.Kind.LESS_THAN;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.Violation;

/**
 * The cross-field rules of contract §1, one named rule each, written once as data: the server checks them here and
 * the schema publishes them ({@code x-rules}) for the page to check while the operator types. Single-field limits
 * live on the records.
 */
public final class ConfigRules {

    /** How far a weight set may be from 1.0. */
    public static final double WEIGHT_SUM_TOLERANCE = 0.01;

    private static final String WEIGHTS_MESSAGE = "The weights must add up to 1 (± 0.01); they add up to {sum}.";
    private static final String TITLE_WEIGHTS_MESSAGE =
            "Primary and secondary weight must not both be 0 (they need not add up to 1).";

    public static final CrossFieldRule SCORING_WEIGHTS_SUM_TO_ONE =
            CrossFieldRule.sum("scoring_weights_sum_to_one", "/scoring", 1.0, WEIGHT_SUM_TOLERANCE, WEIGHTS_MESSAGE);

    public static final CrossFieldRule CATEGORY_WEIGHTS_SUM_TO_ONE = CrossFieldRule.sum(
            "category_weights_sum_to_one", "/category_weights/overrides/*", 1.0, WEIGHT_SUM_TOLERANCE,
            WEIGHTS_MESSAGE);

    public static final CrossFieldRule LOW_BELOW_HIGH = CrossFieldRule.compare("low_below_high", LESS_THAN,
            "/thresholds", "low", "high", 1, "Must be below the match threshold ({right}).");

    public static final CrossFieldRule TITLE_BLEND_ORDERED = CrossFieldRule.compare("title_blend_ordered", AT_MOST,
            "/title", "blend_lower", "blend_upper", 1, "Must be at most the blend upper bound ({right}).");

    public static final CrossFieldRule TITLE_WEIGHTS_POSITIVE = CrossFieldRule.positiveSum("title_weights_positive",
            "/title", List.of("primary_weight", "secondary_weight"), TITLE_WEIGHTS_MESSAGE);

    public static final CrossFieldRule CROSS_SOURCE_BLEND_ORDERED = CrossFieldRule.compare(
            "cross_source_blend_ordered", AT_MOST, "/title/cross_source_type", "blend_lower", "blend_upper", 1,
            "Must be at most the blend upper bound ({right}).");

    public static final CrossFieldRule CROSS_SOURCE_WEIGHTS_POSITIVE = CrossFieldRule.positiveSum(
            "cross_source_weights_positive", "/title/cross_source_type",
            List.of("primary_weight", "secondary_weight"), TITLE_WEIGHTS_MESSAGE);

    public static final CrossFieldRule TOLERANCE_WITHIN_CLOSE_TIME = CrossFieldRule.compare(
            "tolerance_within_close_time", AT_MOST, "/date", "time_tolerance_minutes", "time_close_minutes", 1,
            "Must be at most the close time ({right} min).");

    public static final CrossFieldRule CLOSE_TIME_WITHIN_GAP = CrossFieldRule.compare("close_time_within_gap",
            AT_MOST, "/date", "time_close_minutes", "time_gap_penalty_hours", 60,
            "Must be at most the gap penalty time ({right} min, the hours × 60).");

    public static final CrossFieldRule AI_WINDOW_ORDERED = CrossFieldRule.compare("ai_window_ordered", AT_MOST,
            "/ai", "min_combined_score", "max_combined_score", 1,
            "Must be at most the AI window upper score ({right}).");

    public static final CrossFieldRule LATITUDES_ORDERED = CrossFieldRule.compare("latitudes_ordered", LESS_THAN,
            "/blocking/bounding_box", "lat_min", "lat_max", 1, "Must be below the latitude max ({right}).");

    public static final CrossFieldRule LONGITUDES_ORDERED = CrossFieldRule.compare("longitudes_ordered", LESS_THAN,
            "/blocking/bounding_box", "lon_min", "lon_max", 1, "Must be below the longitude max ({right}).");

    /** Every cross-field rule, in the order their violations are reported. */
    public static final List<CrossFieldRule> ALL = List.of(SCORING_WEIGHTS_SUM_TO_ONE, CATEGORY_WEIGHTS_SUM_TO_ONE,
            LOW_BELOW_HIGH, TITLE_BLEND_ORDERED, TITLE_WEIGHTS_POSITIVE, CROSS_SOURCE_BLEND_ORDERED,
            CROSS_SOURCE_WEIGHTS_POSITIVE, TOLERANCE_WITHIN_CLOSE_TIME, CLOSE_TIME_WITHIN_GAP, AI_WINDOW_ORDERED,
            LATITUDES_ORDERED, LONGITUDES_ORDERED);

    private ConfigRules() {
    }

    public static List<Violation> check(MatchingConfig config) {
        Map<String, Object> tree = ConfigDocument.toTree(config);
        List<Violation> out = new ArrayList<>();
        ALL.forEach(rule -> out.addAll(rule.check(tree)));
        return out;
    }

    /** The rules as the schema publishes them. */
    public static List<Map<String, Object>> published() {
        return ALL.stream().map(CrossFieldRule::toJson).toList();
    }
}
