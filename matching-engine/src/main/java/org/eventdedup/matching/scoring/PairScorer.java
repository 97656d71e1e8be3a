package org.eventdedup.matching.scoring;

import java.util.Objects;
import org.eventdedup.config.domain.model.MatchingConfig;
import org.eventdedup.config.domain.model.ScoringWeights;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;
import org.eventdedup.matching.model.Tier;
import org.eventdedup.matching.text.CodePoints;

/**
 * Scores one candidate pair end to end: the four signals, the category-resolved weights, the combined score and the
 * deterministic decision. The pair is put in id order (code points) first, so {@code score(a, b)} and
 * {@code score(b, a)} are identical. Stateless apart from the config; thread-safe.
 */
public final class PairScorer {

    private final DateScorer date;
    private final GeoScorer geo;
    private final TitleScorer title;
    private final DescriptionScorer description;
    private final WeightResolver weights;
    private final DecisionRule rule;

    public PairScorer(MatchingConfig config) {
        Objects.requireNonNull(config, "config");
        this.date = new DateScorer(config.date());
        this.geo = new GeoScorer(config.geo());
        this.title = new TitleScorer(config.title());
        this.description = new DescriptionScorer();
        this.weights = new WeightResolver(config.scoring(), config.categoryWeights());
        this.rule = new DecisionRule(config.thresholds());
    }

    public PairDecision score(PreparedListing a, PreparedListing b) {
        int order = CodePoints.compare(a.id(), b.id());
        if (order == 0) {
            throw new IllegalArgumentException("a listing cannot be paired with itself: " + a.id());
        }
        PreparedListing first = order < 0 ? a : b;
        PreparedListing second = order < 0 ? b : a;
        Signals signals = signals(first, second);
        ScoringWeights w = weights.resolve(first, second);
        double combined = CombinedScore.combine(w, signals);
        Decision decision = rule.decide(combined, signals.title());
        return new PairDecision(first.id(), second.id(), signals, combined, decision, Tier.DETERMINISTIC);
    }

    public Signals signals(PreparedListing a, PreparedListing b) {
        return new Signals(date.score(a, b), geo.score(a, b), title.score(a, b), description.score(a, b));
    }
}
