package org.eventdedup.worker.adapter.gemini;

import java.util.ArrayList;
import java.util.List;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Signals;
import org.eventdedup.matching.model.Tier;
import org.eventdedup.matching.port.AiCandidate;

/** Candidates and configs for the resolver tests. */
final class Candidates {

    static final Signals SIGNALS = new Signals(1.0, 1.0, 0.2553, 1.0);
    /** B §6.3's cinema example: weighted 0.7766, while the plain mean of the signals is 0.8138. */
    static final double WEIGHTED_SCORE = 0.7766;

    private Candidates() {
    }

    /** The pair in id order, as the engine hands it over. */
    static AiCandidate candidate(Listing x, Listing y) {
        boolean inOrder = x.id().compareTo(y.id()) < 0;
        Listing a = inOrder ? x : y;
        Listing b = inOrder ? y : x;
        return new AiCandidate(new PairDecision(a.id(), b.id(), SIGNALS, WEIGHTED_SCORE, Decision.AMBIGUOUS,
                Tier.DETERMINISTIC), a, b);
    }

    /** A pair of listings with these ids and distinct content (so each has its own cache key). */
    static AiCandidate pair(String a, String b) {
        return candidate(ListingBuilder.aListing(a).withTitle("Title of " + a).build(),
                ListingBuilder.aListing(b).withTitle("Title of " + b).build());
    }

    /** {@code count} distinct pairs p000-a/p000-b, p001-a/p001-b, ... */
    static List<AiCandidate> pairs(int count) {
        List<AiCandidate> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String prefix = String.format("p%03d", i);
            out.add(pair(prefix + "-a", prefix + "-b"));
        }
        return out;
    }

    static AiConfig config() {
        return AiConfig.DEFAULT.withEnabled(true);
    }

    static AiConfig config(int maxConcurrent, boolean cacheEnabled) {
        AiConfig d = config();
        return new AiConfig(true, d.model(), d.temperature(), d.maxOutputTokens(), maxConcurrent,
                d.confidenceThreshold(), d.minCombinedScore(), d.maxCombinedScore(), cacheEnabled,
                d.costPer1mInputTokens(), d.costPer1mOutputTokens(), d.thinkingBudget());
    }

    static AiConfig withModel(AiConfig c, String model) {
        return new AiConfig(c.enabled(), model, c.temperature(), c.maxOutputTokens(), c.maxConcurrentRequests(),
                c.confidenceThreshold(), c.minCombinedScore(), c.maxCombinedScore(), c.cacheEnabled(),
                c.costPer1mInputTokens(), c.costPer1mOutputTokens(), c.thinkingBudget());
    }

    static AiConfig withGeneration(AiConfig c, double temperature, int maxOutputTokens, int thinkingBudget) {
        return new AiConfig(c.enabled(), c.model(), temperature, maxOutputTokens, c.maxConcurrentRequests(),
                c.confidenceThreshold(), c.minCombinedScore(), c.maxCombinedScore(), c.cacheEnabled(),
                c.costPer1mInputTokens(), c.costPer1mOutputTokens(), thinkingBudget);
    }
}
