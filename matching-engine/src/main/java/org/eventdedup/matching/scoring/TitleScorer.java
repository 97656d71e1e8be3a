package org.eventdedup.matching.scoring;

import java.util.Objects;
import org.eventdedup.config.domain.model.TitleBlend;
import org.eventdedup.config.domain.model.TitleConfig;
import org.eventdedup.matching.text.Similarity;

/**
 * Title signal (matching-spec B §5.4 with Part A 1 and 3) over the normalised titles: {@code p} = token-sort
 * similarity; inside the blend window {@code [blend_lower, blend_upper]} the result is
 * {@code (pw·p + sw·s) / (pw + sw)} with {@code s} = token-set similarity, else {@code p}. Artikel–terminliste pairs
 * use {@code title.cross_source_type} when it is set. 0 when either title is empty.
 */
public final class TitleScorer {

    static final String ARTICLE = "artikel";
    static final String CALENDAR = "terminliste";

    private final TitleConfig config;

    public TitleScorer(TitleConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public double score(PreparedListing a, PreparedListing b) {
        if (a.title().isEmpty() || b.title().isEmpty()) {
            return 0.0;
        }
        TitleBlend blend = config.blendFor(isCrossSourceTypePair(a.sourceType(), b.sourceType()));
        double p = primary(a, b);
        // token-set similarity is only worth computing inside the window
        double s = inWindow(blend, p) ? secondary(a, b) : Double.NaN;
        return blended(blend, p, s);
    }

    /** Token-sort similarity of the normalised titles, 0 when either is empty. */
    public static double primary(PreparedListing a, PreparedListing b) {
        if (a.title().isEmpty() || b.title().isEmpty()) {
            return 0.0;
        }
        return Similarity.tokenSortRatio(a.title(), b.title()) / 100.0;
    }

    /** Token-set similarity of the normalised titles, 0 when either is empty. */
    public static double secondary(PreparedListing a, PreparedListing b) {
        if (a.title().isEmpty() || b.title().isEmpty()) {
            return 0.0;
        }
        return Similarity.tokenSetRatio(a.title(), b.title()) / 100.0;
    }

    /**
     * The title signal from token-sort {@code p} and token-set {@code s} under {@code blend}: the one place the blend
     * rule lives, shared with the config tuner. {@code s} is read only inside the window.
     */
    public static double blended(TitleBlend blend, double p, double s) {
        if (!inWindow(blend, p)) {
            return p;
        }
        double weights = blend.primaryWeight() + blend.secondaryWeight();
        if (weights <= 0.0) {
            return p;
        }
        return (blend.primaryWeight() * p + blend.secondaryWeight() * s) / weights;
    }

    private static boolean inWindow(TitleBlend blend, double p) {
        return p >= blend.blendLower() && p <= blend.blendUpper();
    }

    /**
     * B §5.4 step 3: the two source types differ and each is {@code artikel} or {@code terminliste} (exact,
     * case-sensitive); {@code anzeige} or anything else never triggers the override.
     */
    public static boolean isCrossSourceTypePair(String typeA, String typeB) {
        return isArticleOrCalendar(typeA) && isArticleOrCalendar(typeB) && !typeA.equals(typeB);
    }

    private static boolean isArticleOrCalendar(String type) {
        return ARTICLE.equals(type) || CALENDAR.equals(type);
    }
}
