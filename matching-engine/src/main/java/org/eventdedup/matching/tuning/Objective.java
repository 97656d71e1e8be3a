package org.eventdedup.matching.tuning;

import java.util.Locale;
import java.util.Objects;

/**
 * What the config tuner maximises over pair decisions: F1, recall while precision stays at or above a floor, or
 * precision while recall stays at or above a floor. Parsed from {@code f1}, {@code recall@p=0.95} or
 * {@code precision@r=0.8}.
 *
 * @param kind  which figure is maximised
 * @param floor the other figure's floor in (0, 1]; 0 for {@link Kind#F1}
 */
public record Objective(Kind kind, double floor) {

    public static final Objective F1 = new Objective(Kind.F1, 0.0);

    public enum Kind { F1, RECALL_AT_PRECISION, PRECISION_AT_RECALL }

    private static final String FORMS = "f1, recall@p=<floor> or precision@r=<floor> with a floor in (0, 1]";

    public Objective {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.F1 ? floor != 0.0 : !(floor > 0.0 && floor <= 1.0)) {
            throw new IllegalArgumentException("objective floor must be in (0, 1], was " + floor);
        }
    }

    /**
     * @throws IllegalArgumentException naming the accepted forms, when {@code text} is none of them
     */
    public static Objective parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("f1")) {
            return F1;
        }
        if (t.startsWith("recall@p=")) {
            return new Objective(Kind.RECALL_AT_PRECISION, floor(text, t.substring("recall@p=".length())));
        }
        if (t.startsWith("precision@r=")) {
            return new Objective(Kind.PRECISION_AT_RECALL, floor(text, t.substring("precision@r=".length())));
        }
        throw new IllegalArgumentException("objective must be " + FORMS + ", was \"" + text + "\"");
    }

    private static double floor(String text, String number) {
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("objective \"" + text + "\" needs a number as its floor: " + FORMS);
        }
        if (!(value > 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("objective \"" + text + "\" has floor " + number
                    + ", outside (0, 1]");
        }
        return value;
    }

    /**
     * The value to maximise for these counts. A constrained objective ranks every config that meets its floor above
     * every config that misses it ({@code 1 + figure} vs the constrained figure itself), so the search first climbs
     * to the floor and then maximises the other figure.
     */
    public double value(long tp, long fp, long fn) {
        double precision = tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
        return switch (kind) {
            case F1 -> precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
            case RECALL_AT_PRECISION -> precision >= floor ? 1.0 + recall : precision;
            case PRECISION_AT_RECALL -> recall >= floor ? 1.0 + precision : recall;
        };
    }

    /** The form {@link #parse} reads. */
    @Override
    public String toString() {
        return switch (kind) {
            case F1 -> "f1";
            case RECALL_AT_PRECISION -> "recall@p=" + floor;
            case PRECISION_AT_RECALL -> "precision@r=" + floor;
        };
    }
}
