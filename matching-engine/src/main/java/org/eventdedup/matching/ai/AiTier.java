package org.eventdedup.matching.ai;

import org.eventdedup.matching.text.CodePoints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eventdedup.config.domain.model.AiConfig;
import org.eventdedup.config.domain.model.SecretString;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Listing;
import org.eventdedup.matching.model.PairDecision;
import org.eventdedup.matching.model.Tier;
import org.eventdedup.matching.port.AiCandidate;
import org.eventdedup.matching.port.AiResolution;
import org.eventdedup.matching.port.AiUsage;
import org.eventdedup.matching.port.AiVerdict;
import org.eventdedup.matching.port.AmbiguousPairResolver;

/**
 * The AI tier (matching-spec B §7.1, §7.4): hands the ambiguous pairs inside
 * [{@code ai.min_combined_score}, {@code ai.max_combined_score}] to the {@link AmbiguousPairResolver} and applies its
 * verdicts through the confidence gate.
 *
 * <p>Unlike the earlier service, the decision list keeps its original order (candidates are not moved to the end),
 * and the AI tiers are kept even when no decision changed (B §7.7 dropped {@code ai_low_confidence} labels then).
 * Signals and combined scores are never changed. A candidate without a verdict stays as it was.
 *
 * <p>The resolver is asked through {@link AmbiguousPairResolver#resolveWithUsage}, so its usage and per-pair warnings
 * reach the result (its warnings come first).
 */
public final class AiTier {

    static final String SAME = "same";
    static final String DIFFERENT = "different";

    private final AmbiguousPairResolver resolver;

    public AiTier(AmbiguousPairResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * @param decisions   the run's decisions
     * @param listingsById every listing a decision refers to (the resolver needs both sides for its prompt)
     * @param config      the {@code ai} section
     * @param apiKey      the Gemini key, or null when none is configured
     */
    public AiTierResult apply(List<PairDecision> decisions, Map<String, Listing> listingsById, AiConfig config,
                              SecretString apiKey) {
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(config, "config");
        if (!config.enabled()) {
            return unchanged(decisions, AiTierResult.Status.DISABLED, 0, List.of());
        }
        if (apiKey == null) {
            return unchanged(decisions, AiTierResult.Status.NO_API_KEY, 0, List.of());
        }
        List<AiCandidate> candidates = new ArrayList<>();
        Map<String, Integer> positionOfPair = new HashMap<>();
        for (int i = 0; i < decisions.size(); i++) {
            PairDecision d = decisions.get(i);
            if (isCandidate(d, config)) {
                candidates.add(new AiCandidate(d, listing(listingsById, d.a()), listing(listingsById, d.b())));
                positionOfPair.put(pairKey(d.a(), d.b()), i);
            }
        }
        if (candidates.isEmpty()) {
            return unchanged(decisions, AiTierResult.Status.NO_CANDIDATES, 0, List.of());
        }

        AiResolution resolution;
        try {
            resolution = resolver.resolveWithUsage(List.copyOf(candidates), config, apiKey);
        } catch (RuntimeException e) {
            return unchanged(decisions, AiTierResult.Status.RESOLVER_FAILED, candidates.size(),
                    List.of("AI resolver failed, " + candidates.size() + " pairs stay ambiguous: " + e));
        }

        if (resolution == null) {
            resolution = AiResolution.of(List.of());
        }
        List<PairDecision> updated = new ArrayList<>(decisions);
        List<String> warnings = new ArrayList<>(resolution.warnings());
        boolean[] answered = new boolean[decisions.size()];
        int verdictCount = 0;
        int changed = 0;
        for (AiVerdict verdict : resolution.verdicts()) {
            Integer position = positionOfPair.get(pairKey(verdict.a(), verdict.b()));
            if (position == null) {
                warnings.add("AI verdict for a pair that was not a candidate ignored: ("
                        + verdict.a() + ", " + verdict.b() + ")");
                continue;
            }
            if (answered[position]) {
                warnings.add("second AI verdict for (" + verdict.a() + ", " + verdict.b() + ") ignored");
                continue;
            }
            answered[position] = true;
            verdictCount++;
            PairDecision before = decisions.get(position);
            PairDecision after = applyVerdict(before, verdict, config.confidenceThreshold());
            updated.set(position, after);
            if (after.decision() != before.decision()) {
                changed++;
            }
        }
        return new AiTierResult(updated, AiTierResult.Status.RESOLVED, candidates.size(), verdictCount, changed,
                warnings, resolution.usage());
    }

    /** Ambiguous and inside the window, both ends inclusive (B §7.1). */
    static boolean isCandidate(PairDecision d, AiConfig config) {
        return d.decision() == Decision.AMBIGUOUS
                && config.minCombinedScore() <= d.score() && d.score() <= config.maxCombinedScore();
    }

    /**
     * The confidence gate and the verdict table of B §7.4; a confident answer from the cache gets tier ai_cached.
     * A confidence that is not a number counts as low.
     */
    static PairDecision applyVerdict(PairDecision decision, AiVerdict verdict, double confidenceThreshold) {
        if (!(verdict.confidence() >= confidenceThreshold)) {
            return decision.withOutcome(Decision.AMBIGUOUS, Tier.AI_LOW_CONFIDENCE);
        }
        Tier confident = verdict.cached() ? Tier.AI_CACHED : Tier.AI;
        if (SAME.equals(verdict.decision())) {
            return decision.withOutcome(Decision.MATCH, confident);
        }
        if (DIFFERENT.equals(verdict.decision())) {
            return decision.withOutcome(Decision.NO_MATCH, confident);
        }
        return decision.withOutcome(Decision.AMBIGUOUS, Tier.AI_UNEXPECTED);
    }

    private static AiTierResult unchanged(List<PairDecision> decisions, AiTierResult.Status status, int candidates,
                                          List<String> warnings) {
        return new AiTierResult(decisions, status, candidates, 0, 0, warnings, AiUsage.NONE);
    }

    private static Listing listing(Map<String, Listing> listingsById, String id) {
        Listing listing = listingsById.get(id);
        if (listing == null) {
            throw new IllegalArgumentException("AI candidate refers to an unknown listing: " + id);
        }
        return listing;
    }

    /** Order-independent, so a verdict naming the pair as (b, a) still finds it. */
    private static String pairKey(String x, String y) {
        return CodePoints.compare(x, y) <= 0 ? x + '\u0000' + y : y + '\u0000' + x;
    }
}
