package org.eventdedup.matching.port;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What one {@link AmbiguousPairResolver} call used (matching-spec B §7.6, Part A 10), for the run's usage record.
 *
 * @param requests       candidate pairs handed to the resolver
 * @param cachedRequests pairs answered from the answer cache (no call, no tokens, no cost)
 * @param apiCalls       HTTP requests sent to the model, retries included
 * @param failedRequests pairs left without a verdict (errors, blocked or cut-off answers, unusable JSON)
 * @param promptTokens   input tokens over all calls
 * @param outputTokens   answer tokens over all calls, thinking excluded
 * @param thoughtTokens  thinking tokens over all calls (billed as output)
 * @param costUsd        estimated cost, rounded to 6 decimals
 */
public record AiUsage(int requests, int cachedRequests, int apiCalls, int failedRequests, long promptTokens,
                      long outputTokens, long thoughtTokens, double costUsd) {

    /** Nothing was asked: the resolver was not called, or it reports no usage. */
    public static final AiUsage NONE = new AiUsage(0, 0, 0, 0, 0, 0, 0, 0.0);

    public AiUsage {
        if (requests < 0 || cachedRequests < 0 || apiCalls < 0 || failedRequests < 0 || promptTokens < 0
                || outputTokens < 0 || thoughtTokens < 0) {
            throw new IllegalArgumentException("usage counts must not be negative: " + requests + ", "
                    + cachedRequests + ", " + apiCalls + ", " + failedRequests + ", " + promptTokens + ", "
                    + outputTokens + ", " + thoughtTokens);
        }
        if (!(costUsd >= 0) || Double.isInfinite(costUsd)) {
            throw new IllegalArgumentException("cost must be a non-negative number, was " + costUsd);
        }
    }

    /**
     * Usage priced as Part A 10 asks: {@code prompt/1e6 × input price + (output + thoughts)/1e6 × output price},
     * rounded to 6 decimals.
     */
    public static AiUsage priced(int requests, int cachedRequests, int apiCalls, int failedRequests,
                                 long promptTokens, long outputTokens, long thoughtTokens,
                                 double costPer1mInputTokens, double costPer1mOutputTokens) {
        double cost = promptTokens / 1e6 * costPer1mInputTokens
                + (outputTokens + thoughtTokens) / 1e6 * costPer1mOutputTokens;
        return new AiUsage(requests, cachedRequests, apiCalls, failedRequests, promptTokens, outputTokens,
                thoughtTokens, roundToMicros(cost));
    }

    /** Pairs that went to the model rather than the cache (B §7.6 {@code api_requests}). */
    public int uncachedRequests() {
        return requests - cachedRequests;
    }

    public long totalTokens() {
        return promptTokens + outputTokens + thoughtTokens;
    }

    private static double roundToMicros(double cost) {
        return BigDecimal.valueOf(cost).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }
}
