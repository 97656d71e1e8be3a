package org.eventdedup.worker.preview;

import java.util.List;
import org.eventdedup.config.domain.model.Thresholds;
import org.eventdedup.matching.model.Decision;
import org.eventdedup.matching.model.Signals;

/**
 * What {@code POST /api/config/preview} answers (contract §2): the sample, both sides and the flipped pairs.
 */
public record ImpactReport(Sample sample, Side current, Side candidate, Flips flips) {

    /**
     * @param listings       listings matched (the most recent N plus the listings of labelled pairs)
     * @param labelledPairs  stored same-event pairs, all of which lie in the sample
     * @param candidatePairs pairs the current config compares
     * @param elapsedMs      wall time of the whole preview
     */
    public record Sample(int listings, int labelledPairs, long candidatePairs, long elapsedMs) {
    }

    /**
     * @param version  the stored config version (0 before the first save); null for the candidate
     * @param clusters valid clusters of two or more listings
     * @param quality  null when no ground truth is stored
     * @param histogram combined scores of all compared pairs in {@link ImpactPreview#BINS} equal bins over [0, 1]
     */
    public record Side(Long version, int match, int ambiguous, int noMatch, int clusters, int flaggedClusters,
                       int canonicalEvents, Quality quality, List<Integer> histogram, Thresholds thresholds,
                       AiForecast ai) {
        public Side {
            histogram = List.copyOf(histogram);
        }
    }

    /** Pair precision, recall and F1 over the pairs of two labelled listings (as {@code evaluate} scores). */
    public record Quality(double precision, double recall, double f1, int labelledPairs) {
    }

    /**
     * @param pairsInWindow   ambiguous pairs inside [ai.min_combined_score, ai.max_combined_score]: what one run over
     *                        the sample would send to Gemini (before the answer cache)
     * @param tokensSource    {@code measured} (from {@code ai_usage_log}) or {@code estimate}
     * @param costPerRun      USD, from the configured token prices
     */
    public record AiForecast(boolean enabled, int pairsInWindow, double avgInputTokens, double avgOutputTokens,
                             String tokensSource, double costPerRun) {
    }

    public record Flips(int total, List<FlipGroup> groups) {
        public Flips {
            groups = List.copyOf(groups);
        }
    }

    /** @param pairs the most significant first, at most {@link ImpactPreview#MAX_PAIRS_PER_GROUP} */
    public record FlipGroup(Decision from, Decision to, int count, List<Flip> pairs) {
        public FlipGroup {
            pairs = List.copyOf(pairs);
        }
    }

    /** @param labelled the ground truth's same-event answer; null when a listing is not labelled */
    public record Flip(ListingRef a, ListingRef b, Outcome current, Outcome candidate, Boolean labelled) {
    }

    public record ListingRef(String id, String title, String source) {
    }

    /** A side's view of a pair; {@code score} and {@code signals} are null when that side's blocking never compared it. */
    public record Outcome(Decision decision, Double score, Signals signals) {
    }
}
