package org.eventdedup.matching.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventdedup.config.domain.model.CategoryWeights;
import org.eventdedup.config.domain.model.DateConfig;
import org.eventdedup.config.domain.model.GeoConfig;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.config.domain.model.Thresholds;
import org.eventdedup.config.domain.model.TitleBlend;
import org.eventdedup.config.domain.model.TitleConfig;

/**
 * The numbers the tuner may change, as one vector: {@code thresholds.title_veto}, the four {@code scoring} weights,
 * the title blend (and the cross-source-type blend when the config has one), {@code geo.neutral_score}, the three
 * date factors and the weights of each category given. {@code thresholds.high} is not in the vector: every trial
 * gets its best value (see {@link TrialScorer}). {@code thresholds.low} follows only when the new high would fall
 * to or below it. Values stay on a 0.01 grid relative to the current config, so a patch reads as round numbers.
 */
final class ParameterSpace {

    /** A weight set moves by shifting mass between two of its weights, so it keeps its sum. */
    private static final double[] TRANSFERS = {0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2};
    private static final double STEP = 0.05;

    /** @param path the field's place in the config document (snake_case names) */
    record Coordinate(List<String> path, double current) {
    }

    /**
     * Coordinates that change together: a weight set (moved by transfers between its members) or one number (moved
     * along a grid). Reverting a group restores all its members.
     */
    record Group(String name, int[] members, boolean weights, double gridMax, Set<TrialScorer.Part> changes) {
    }

    private final MatchingConfig current;
    private final List<Coordinate> coordinates = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final int veto;
    private final int[] scoring;
    private final int[] titleWeights;
    private final int[] titleWindow;
    private final int[] crossWeights;
    private final int[] crossWindow;
    private final int neutral;
    private final int[] dateFactors;
    private final Map<String, int[]> categories = new LinkedHashMap<>();

    ParameterSpace(MatchingConfig current, List<String> tunedCategories) {
        this.current = current;
        Thresholds t = current.thresholds();
        veto = single("thresholds.title_veto", TrialScorer.Part.VETO, 0.8, t.titleVeto(),
                "thresholds", "title_veto");
        ScoringWeights s = current.scoring();
        scoring = weights("scoring", s, "scoring");
        TitleConfig title = current.title();
        titleWeights = group("title weights", TrialScorer.Part.TITLE, true, 1.0,
                new double[] {title.primaryWeight(), title.secondaryWeight()},
                List.of("title", "primary_weight"), List.of("title", "secondary_weight"));
        titleWindow = new int[] {
                single("title.blend_lower", TrialScorer.Part.TITLE, 1.0, title.blendLower(),
                        "title", "blend_lower"),
                single("title.blend_upper", TrialScorer.Part.TITLE, 1.0, title.blendUpper(),
                        "title", "blend_upper")};
        TitleBlend cross = title.crossSourceType();
        if (cross != null) {
            crossWeights = group("title.cross_source_type weights", TrialScorer.Part.TITLE, true, 1.0,
                    new double[] {cross.primaryWeight(), cross.secondaryWeight()},
                    List.of("title", "cross_source_type", "primary_weight"),
                    List.of("title", "cross_source_type", "secondary_weight"));
            crossWindow = new int[] {
                    single("title.cross_source_type.blend_lower", TrialScorer.Part.TITLE, 1.0, cross.blendLower(),
                            "title", "cross_source_type", "blend_lower"),
                    single("title.cross_source_type.blend_upper", TrialScorer.Part.TITLE, 1.0, cross.blendUpper(),
                            "title", "cross_source_type", "blend_upper")};
        } else {
            crossWeights = null;
            crossWindow = null;
        }
        neutral = single("geo.neutral_score", TrialScorer.Part.GEO, 1.0, current.geo().neutralScore(),
                "geo", "neutral_score");
        DateConfig d = current.date();
        dateFactors = new int[] {
                single("date.close_factor", TrialScorer.Part.DATE, 1.0, d.closeFactor(),
                        "date", "close_factor"),
                single("date.far_factor", TrialScorer.Part.DATE, 1.0, d.farFactor(), "date", "far_factor"),
                single("date.time_gap_penalty_factor", TrialScorer.Part.DATE, 1.0, d.timeGapPenaltyFactor(), "date",
                        "time_gap_penalty_factor")};
        for (String category : tunedCategories) {
            ScoringWeights w = current.categoryWeights().overrides().get(category);
            categories.put(category, weights("category_weights.overrides." + category, w,
                    "category_weights", "overrides", category));
        }
    }

    private int single(String name, TrialScorer.Part part, double gridMax, double value, String... path) {
        return group(name, part, false, gridMax, new double[] {value}, List.of(path))[0];
    }

    private int[] weights(String name, ScoringWeights w, String... path) {
        List<List<String>> paths = new ArrayList<>();
        for (String field : List.of("date", "geo", "title", "description")) {
            List<String> p = new ArrayList<>(List.of(path));
            p.add(field);
            paths.add(List.copyOf(p));
        }
        return group(name, TrialScorer.Part.WEIGHTS, true, 1.0,
                new double[] {w.date(), w.geo(), w.title(), w.description()},
                paths.toArray(List[]::new));
    }

    @SafeVarargs
    private int[] group(String name, TrialScorer.Part part, boolean weightSet, double gridMax, double[] values,
                        List<String>... paths) {
        int[] members = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            members[i] = coordinates.size();
            coordinates.add(new Coordinate(paths[i], values[i]));
        }
        groups.add(new Group(name, members, weightSet, gridMax, EnumSet.of(part)));
        return members;
    }

    double[] current() {
        double[] x = new double[coordinates.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = coordinates.get(i).current();
        }
        return x;
    }

    List<Group> groups() {
        return Collections.unmodifiableList(groups);
    }

    /** Every neighbour of {@code x} that one step of {@code group} reaches and that the config rules allow. */
    List<double[]> neighbours(double[] x, Group group) {
        List<double[]> out = new ArrayList<>();
        int[] m = group.members();
        if (group.weights()) {
            for (int from : m) {
                for (int to : m) {
                    if (from == to) {
                        continue;
                    }
                    for (double delta : TRANSFERS) {
                        if (x[from] - delta < -1e-9) {
                            break;
                        }
                        double[] y = x.clone();
                        y[from] = round(x[from] - delta);
                        y[to] = round(x[to] + delta);
                        if (valid(y)) {
                            out.add(y);
                        }
                    }
                }
            }
        } else {
            int i = m[0];
            for (double v = 0.0; v <= group.gridMax() + 1e-9; v += STEP) {
                double value = round(v);
                if (Math.abs(value - x[i]) > 1e-9) {
                    double[] y = x.clone();
                    y[i] = value;
                    if (valid(y)) {
                        out.add(y);
                    }
                }
            }
        }
        return out;
    }

    /** {@code x} with {@code group} back at its current values. */
    double[] reverted(double[] x, Group group) {
        double[] y = x.clone();
        for (int i : group.members()) {
            y[i] = coordinates.get(i).current();
        }
        return y;
    }

    boolean changed(double[] x, Group group) {
        for (int i : group.members()) {
            if (Math.abs(x[i] - coordinates.get(i).current()) > 1e-9) {
                return true;
            }
        }
        return false;
    }

    /** Sum of absolute changes from the current config: ties in the objective go to the smaller change. */
    double distance(double[] x) {
        double d = 0.0;
        for (int i = 0; i < x.length; i++) {
            d += Math.abs(x[i] - coordinates.get(i).current());
        }
        return d;
    }

    private boolean valid(double[] x) {
        for (double v : x) {
            if (v < 0.0 || v > 1.0) {
                return false;
            }
        }
        if (x[titleWindow[0]] > x[titleWindow[1]] || x[titleWeights[0]] + x[titleWeights[1]] <= 0.0) {
            return false;
        }
        return crossWindow == null || (x[crossWindow[0]] <= x[crossWindow[1]]
                && x[crossWeights[0]] + x[crossWeights[1]] > 0.0);
    }

    MatchingConfig toConfig(double[] x, double high) {
        MatchingConfig c = current;
        double low = c.thresholds().low() < high ? c.thresholds().low() : Math.max(0.0, round(high - 0.05));
        TitleBlend cross = crossWeights == null ? null : new TitleBlend(x[crossWeights[0]], x[crossWeights[1]],
                x[crossWindow[0]], x[crossWindow[1]]);
        TitleConfig title = new TitleConfig(x[titleWeights[0]], x[titleWeights[1]], x[titleWindow[0]],
                x[titleWindow[1]], cross);
        GeoConfig g = c.geo();
        GeoConfig geo = new GeoConfig(g.maxDistanceKm(), g.minConfidence(), x[neutral], g.venueMatchDistanceKm(),
                g.venueMismatchFactor(), g.venueNameMinSimilarity());
        DateConfig d = c.date();
        DateConfig date = new DateConfig(d.timeToleranceMinutes(), d.timeCloseMinutes(), x[dateFactors[0]],
                x[dateFactors[1]], d.timeGapPenaltyHours(), x[dateFactors[2]]);
        Map<String, ScoringWeights> overrides = new LinkedHashMap<>(c.categoryWeights().overrides());
        categories.forEach((category, m) -> overrides.put(category, weightsAt(x, m)));
        return new MatchingConfig(weightsAt(x, scoring), new Thresholds(high, low, x[veto]), geo, date, title,
                c.cluster(), c.canonical(), c.ai(), new CategoryWeights(c.categoryWeights().priority(), overrides),
                c.blocking());
    }

    private static ScoringWeights weightsAt(double[] x, int[] m) {
        return new ScoringWeights(x[m[0]], x[m[1]], x[m[2]], x[m[3]]);
    }

    /**
     * The changed fields of {@code x} (with {@code high}, and {@code low} when it had to follow) as the pieces of a
     * merge patch, in document order.
     */
    List<ParameterChange> changes(double[] x, double high) {
        List<ParameterChange> out = new ArrayList<>();
        Thresholds t = current.thresholds();
        MatchingConfig suggested = toConfig(x, high);
        if (high != t.high()) {
            out.add(new ParameterChange(List.of("thresholds", "high"), t.high(), high));
        }
        if (suggested.thresholds().low() != t.low()) {
            out.add(new ParameterChange(List.of("thresholds", "low"), t.low(), suggested.thresholds().low()));
        }
        for (int i = 0; i < x.length; i++) {
            Coordinate c = coordinates.get(i);
            if (Math.abs(x[i] - c.current()) > 1e-9) {
                out.add(new ParameterChange(c.path(), c.current(), x[i]));
            }
        }
        return out;
    }

    /** The categories whose weights this space tunes. */
    Set<String> categories() {
        return categories.keySet();
    }

    static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
