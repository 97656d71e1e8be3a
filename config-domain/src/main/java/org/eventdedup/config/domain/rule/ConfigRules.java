package org.eventdedup.config.domain.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eventdedup.config.domain.model.BoundingBox;
import org.eventdedup.config.domain.model.DateConfig;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.config.domain.model.TitleBlend;
import org.eventdedup.config.domain.model.Violation;

/** The cross-field rules of contract §1, one named rule each. Single-field limits live on the records. */
public final class ConfigRules {

    /** How far a weight set may be from 1.0. */
    public static final double WEIGHT_SUM_TOLERANCE = 0.01;

    public static final ConfigRule SCORING_WEIGHTS_SUM_TO_ONE = c -> weightSum("/scoring", c.scoring());

    public static final ConfigRule CATEGORY_WEIGHTS_SUM_TO_ONE = c -> {
        List<Violation> out = new ArrayList<>();
        for (Map.Entry<String, ScoringWeights> e : c.categoryWeights().overrides().entrySet()) {
            out.addAll(weightSum(DocumentShape.pointer("/category_weights/overrides", e.getKey()), e.getValue()));
        }
        return out;
    };

    public static final ConfigRule LOW_BELOW_HIGH = c -> c.thresholds().low() < c.thresholds().high()
            ? List.of()
            : List.of(new Violation("/thresholds/low", "must be less than thresholds.high ("
                    + c.thresholds().high() + "), got " + c.thresholds().low()));

    public static final ConfigRule TITLE_BLENDS_ARE_SOUND = c -> {
        List<Violation> out = new ArrayList<>(blend("/title", c.title().blendFor(false)));
        if (c.title().crossSourceType() != null) {
            out.addAll(blend("/title/cross_source_type", c.title().crossSourceType()));
        }
        return out;
    };

    public static final ConfigRule TIME_WINDOWS_ASCEND = c -> {
        DateConfig d = c.date();
        List<Violation> out = new ArrayList<>();
        if (d.timeToleranceMinutes() > d.timeCloseMinutes()) {
            out.add(new Violation("/date/time_tolerance_minutes", "must be at most date.time_close_minutes ("
                    + d.timeCloseMinutes() + "), got " + d.timeToleranceMinutes()));
        }
        double gapMinutes = 60 * d.timeGapPenaltyHours();
        if (d.timeCloseMinutes() > gapMinutes) {
            out.add(new Violation("/date/time_close_minutes", "must be at most 60 × date.time_gap_penalty_hours ("
                    + ConfigDocument.plain(gapMinutes) + "), got " + d.timeCloseMinutes()));
        }
        return out;
    };

    public static final ConfigRule AI_WINDOW_ORDERED = c -> c.ai().minCombinedScore() <= c.ai().maxCombinedScore()
            ? List.of()
            : List.of(new Violation("/ai/min_combined_score", "must be at most ai.max_combined_score ("
                    + c.ai().maxCombinedScore() + "), got " + c.ai().minCombinedScore()));

    public static final ConfigRule BOUNDING_BOX_ORDERED = c -> {
        BoundingBox box = c.blocking().boundingBox();
        List<Violation> out = new ArrayList<>();
        if (box != null && box.latMin() >= box.latMax()) {
            out.add(new Violation("/blocking/bounding_box/lat_min", "must be less than lat_max (" + box.latMax()
                    + "), got " + box.latMin()));
        }
        if (box != null && box.lonMin() >= box.lonMax()) {
            out.add(new Violation("/blocking/bounding_box/lon_min", "must be less than lon_max (" + box.lonMax()
                    + "), got " + box.lonMin()));
        }
        return out;
    };

    /** Every cross-field rule, in the order their violations are reported. */
    public static final List<ConfigRule> ALL = List.of(SCORING_WEIGHTS_SUM_TO_ONE, CATEGORY_WEIGHTS_SUM_TO_ONE,
            LOW_BELOW_HIGH, TITLE_BLENDS_ARE_SOUND, TIME_WINDOWS_ASCEND, AI_WINDOW_ORDERED, BOUNDING_BOX_ORDERED);

    private ConfigRules() {
    }

    public static List<Violation> check(MatchingConfig config) {
        List<Violation> out = new ArrayList<>();
        ALL.forEach(rule -> out.addAll(rule.check(config)));
        return out;
    }

    private static List<Violation> weightSum(String path, ScoringWeights w) {
        double sum = w.sum();
        if (Math.abs(sum - 1.0) <= WEIGHT_SUM_TOLERANCE + 1e-12) {
            return List.of();
        }
        return List.of(new Violation(path, "weights must sum to 1.0 (±" + WEIGHT_SUM_TOLERANCE + "), got "
                + Math.round(sum * 10000) / 10000.0));
    }

    private static List<Violation> blend(String path, TitleBlend b) {
        List<Violation> out = new ArrayList<>();
        if (b.blendLower() > b.blendUpper()) {
            out.add(new Violation(path + "/blend_lower", "must be at most blend_upper (" + b.blendUpper()
                    + "), got " + b.blendLower()));
        }
        if (b.primaryWeight() + b.secondaryWeight() <= 0) {
            out.add(new Violation(path + "/primary_weight",
                    "primary_weight + secondary_weight must be greater than 0"));
        }
        return out;
    }
}
